// The baseline, as a process of its own: a Koa app that reads the body and answers 200, nothing else.
import Koa from "koa";

const app = new Koa().use(async (ctx) => {
  for await (const _ of ctx.req); // read the body, as the real routes do
  ctx.status = 200;
  ctx.body = "";
});
app.listen(Number(process.argv[2]), "127.0.0.1", () => console.log("bare listening"));
