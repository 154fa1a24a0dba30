// Every read and write of the console goes through the admin API (/api) with the session cookie; a
// change carries the session's CSRF token. An error's message is the API's own Chinese sentence.
let csrf = null;

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export function setCsrf(token) { csrf = token; }

async function call(method, path, body) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  const res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const data = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
  if (!res.ok) throw new ApiError(res.status, data?.message ?? res.statusText);
  return data;
}

export const get = (path, query = {}) => {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""));
  return call("GET", q.size ? `${path}?${q}` : path);
};
export const post = (path, body = {}) => call("POST", path, body);
export const signOut = () => fetch("/console/logout", { method: "POST", headers: { "x-csrf-token": csrf ?? "" }, credentials: "same-origin" });
