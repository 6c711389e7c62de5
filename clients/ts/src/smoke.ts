// End-to-end check of the client against a running API and worker: register, generate a game, poll
// the request to completion, find the game in the user's own list. CI runs it (tests/tests/ts_client.rs);
// by hand: `node dist/smoke.js http://localhost:8080`. Exits 0 when every answer is the expected one,
// 1 with the reason otherwise.
//
// It goes through the typed client only, so a field the document does not have fails to compile.

import { createAimini, errorCode, type Schemas } from "./index.js";

type Generation = Schemas["GenerationOut"];

/** How long generation may take (AIMINI_SMOKE_TIMEOUT_MS); the rule-based engine needs a second or
 * two, a model longer. */
const TIMEOUT_MS = Number(process.env.AIMINI_SMOKE_TIMEOUT_MS ?? 120_000);
const POLL_MS = 250;

class SmokeError extends Error {}

function fail(step: string, what: string, response?: Response, body?: unknown): never {
  const status = response ? ` (HTTP ${response.status})` : "";
  const detail = body === undefined ? "" : `: ${JSON.stringify(body)}`;
  throw new SmokeError(`${step}: ${what}${status}${detail}`);
}

function log(line: string): void {
  console.log(`smoke: ${line}`);
}

async function main(baseUrl: string): Promise<void> {
  const api = createAimini(baseUrl);
  // Unique per run, so the script can run again against the same deployment.
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const username = `ts_smoke_${suffix}`.slice(0, 50);

  const reg = await api.POST("/api/v1/auth/register", {
    body: { username, email: `${username}@example.com`, password: "correct horse battery" },
  });
  if (reg.response.status !== 201 || !reg.data) {
    fail("register", "expected 201 with a token pair", reg.response, reg.error ?? reg.data);
  }
  if (reg.data.user.username !== username || reg.data.token_type !== "bearer") {
    fail("register", "unexpected account or token type", reg.response, reg.data);
  }
  api.setToken(reg.data.access_token);
  log(`registered ${username} (${reg.data.user.id})`);

  const gen = await api.POST("/api/v1/ai/generate-game", {
    body: {
      prompt: "a snake game in space where the snake eats stars",
      difficulty: "easy",
      engine: "auto",
    },
  });
  if (gen.response.status !== 202 || !gen.data) {
    fail("generate-game", "expected 202 with the request", gen.response, gen.error ?? gen.data);
  }
  const requestId = gen.data.id;
  log(`generation ${requestId} accepted (${gen.data.status}, stage ${gen.data.stage})`);

  const deadline = Date.now() + TIMEOUT_MS;
  let current: Generation = gen.data;
  while (current.status !== "completed") {
    if (current.status === "failed") {
      fail(
        "generation",
        `request ${requestId} failed: ${current.error_code ?? "?"}: ${current.error_message ?? ""}`,
      );
    }
    if (Date.now() > deadline) {
      fail(
        "generation",
        `request ${requestId} not completed after ${TIMEOUT_MS} ms (still ${current.status}, stage ${current.stage}); is a worker running?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const poll = await api.GET("/api/v1/ai/generation/{id}", {
      params: { path: { id: requestId } },
    });
    if (poll.response.status !== 200 || !poll.data) {
      fail("poll", `expected 200 for request ${requestId}`, poll.response, poll.error ?? poll.data);
    }
    current = poll.data;
  }
  const gameId = current.result_game_id;
  if (!gameId) {
    fail("generation", "completed without result_game_id", undefined, current);
  }
  log(`completed by ${current.engine ?? "?"} in ${current.processing_ms ?? "?"} ms: game ${gameId}`);

  // A new game is private until its review approves it and its creator publishes it, so the public
  // list would not show it; `creator=me` lists the caller's own games, private ones included.
  const list = await api.GET("/api/v1/games", {
    params: { query: { creator: "me", limit: 100 } },
  });
  if (list.response.status !== 200 || !list.data) {
    fail("list games", "expected 200 with a page", list.response, list.error ?? list.data);
  }
  const mine = list.data.items.find((g) => g.id === gameId);
  if (!mine) {
    fail("list games", `game ${gameId} is not in the creator's own list`, list.response, list.data);
  }
  if (mine.creator.username !== username || !mine.visibility) {
    fail("list games", "the item does not show its creator and visibility", list.response, mine);
  }
  log(
    `listed "${mine.title}" (${mine.category}, ${mine.difficulty}; public ${mine.visibility.is_public}, status ${mine.visibility.status})`,
  );

  // Signed out, the same list must refuse rather than show someone's games.
  api.setToken(undefined);
  const anon = await api.GET("/api/v1/games", { params: { query: { creator: "me" } } });
  if (anon.response.status !== 401 || errorCode(anon.error) !== "unauthorized") {
    fail("list games signed out", "expected 401 unauthorized", anon.response, anon.error ?? anon.data);
  }
  log("ok");
}

/** An unexpected exception (network, parse) is a failure too: shown with its stack and cause
 * (fetch's own message is only "fetch failed"; the cause says e.g. ECONNREFUSED). */
function describe(e: unknown): string {
  if (e instanceof SmokeError) {
    return e.message;
  }
  if (!(e instanceof Error)) {
    return String(e);
  }
  const cause = e.cause === undefined ? "" : `\ncaused by: ${describe(e.cause)}`;
  return `${e.stack ?? e.message}${cause}`;
}

const baseUrl = process.argv[2];
if (!baseUrl) {
  console.error("usage: node dist/smoke.js <base url, e.g. http://localhost:8080>");
  process.exit(2);
}
// NaN would never be past, and the poll would never end.
if (!(Number.isFinite(TIMEOUT_MS) && TIMEOUT_MS > 0)) {
  console.error(`smoke: AIMINI_SMOKE_TIMEOUT_MS must be a positive number of milliseconds`);
  process.exit(2);
}
main(baseUrl).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`smoke: FAILED: ${describe(e)}`);
    process.exit(1);
  },
);
