// Every read and write of the console goes through the admin API (/api) with the session cookie; a
// change carries the session's CSRF token. An error's message is the API's own Chinese sentence.
let csrf = null;

export class ApiError extends Error {
  constructor(status, message, issues = []) { super(message); this.status = status; this.issues = issues; }
}

export function setCsrf(token) { csrf = token; }

async function refusal(res) {
  const data = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
  return new ApiError(res.status, data?.message ?? res.statusText, data?.issues ?? []);
}

async function call(method, path, body) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  const res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  if (!res.ok) throw await refusal(res);
  return res.headers.get("content-type")?.includes("json") ? res.json() : null;
}

const withQuery = (path, query) => {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""));
  return q.size ? `${path}?${q}` : path;
};

export const get = (path, query = {}) => call("GET", withQuery(path, query));
export const post = (path, body = {}) => call("POST", path, body);

/** A file from the API (a form, a list's export): the blob and the name the server gave it; a refusal is thrown with the API's words. */
export async function getFile(path, query = {}) {
  const res = await fetch(`/api${withQuery(path, query)}`, { credentials: "same-origin" });
  if (!res.ok) throw await refusal(res);
  const named = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get("content-disposition") ?? "");
  return { blob: await res.blob(), name: named ? decodeURIComponent(named[1]) : "download" };
}

export const signOut = () => fetch("/console/logout", { method: "POST", headers: { "x-csrf-token": csrf ?? "" }, credentials: "same-origin" });
