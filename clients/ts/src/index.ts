// A typed client for the aimini API: openapi-fetch over the types that openapi-typescript generates
// from the API's own OpenAPI document (openapi.json), so paths, parameters, bodies and answers are
// checked by the compiler against what the server documents.

import createClient, {
  type Client,
  type FetchResponse,
  type MaybeOptionalInit,
  type Middleware,
} from "openapi-fetch";

import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** Every named schema of the document, e.g. `Schemas["GenerationOut"]`. */
export type Schemas = components["schemas"];

/** The API's one error shape: `{"error": {"code", "message", "details"?}}`. */
export type ApiError = Schemas["ErrorBody"];

type Method = "get" | "put" | "post" | "delete" | "patch";

/** The paths that document `method`. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<M, {}> ? P : never;
}[keyof paths];

type Init<P extends keyof paths, M extends Method> = MaybeOptionalInit<paths[P], M>;

/**
 * openapi-fetch's method type infers the whole options object as a type parameter, and TypeScript
 * checks excess properties only against a known type, so `{prompt, dificulty}` compiles there
 * (openapi-typescript issues 1769 and 2329). Here the options are typed from the path alone: a
 * misspelt body field, query or path parameter fails to compile. The functions are openapi-fetch's.
 */
export type StrictMethod<M extends Method> = <P extends PathsWith<M>>(
  url: P,
  ...init: undefined extends Init<P, M> ? [Init<P, M>?] : [Init<P, M>]
) => Promise<FetchResponse<paths[P][M] & Record<string, unknown>, {}, `${string}/${string}`>>;

export interface AiminiClient {
  GET: StrictMethod<"get">;
  POST: StrictMethod<"post">;
  PUT: StrictMethod<"put">;
  PATCH: StrictMethod<"patch">;
  DELETE: StrictMethod<"delete">;
  /** openapi-fetch's own client (same middleware and token), e.g. for `parseAs: "text"`. */
  raw: Client<paths>;
  /** Sets (or, with `undefined`, clears) the access token sent as `Authorization: Bearer`. */
  setToken(token: string | undefined): void;
}

export interface AiminiOptions {
  /** An access token (`access_token` of register, login or refresh). */
  token?: string;
  /** Replaces `globalThis.fetch` (tests, retries, proxies). */
  fetch?: (input: Request) => Promise<Response>;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

/**
 * A client for the API at `baseUrl` (the server's origin, e.g. `http://localhost:8080`; paths
 * carry `/api/v1`). The token is read on every request, so `setToken` after a login or refresh
 * affects the calls that follow.
 */
export function createAimini(baseUrl: string, options: AiminiOptions = {}): AiminiClient {
  let token = options.token;
  const client = createClient<paths>({
    // A trailing slash would double the one every path starts with.
    baseUrl: baseUrl.replace(/\/+$/, ""),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const auth: Middleware = {
    onRequest({ request }) {
      // An explicit Authorization header on one call (another user's token) wins.
      if (token !== undefined && !request.headers.has("Authorization")) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
  };
  client.use(auth);
  return {
    // Only the parameter types differ (see StrictMethod); what a call sends and answers is the same.
    GET: client.GET as StrictMethod<"get">,
    POST: client.POST as StrictMethod<"post">,
    PUT: client.PUT as StrictMethod<"put">,
    PATCH: client.PATCH as StrictMethod<"patch">,
    DELETE: client.DELETE as StrictMethod<"delete">,
    raw: client,
    setToken(next: string | undefined) {
      token = next;
    },
  };
}

/** `error.code` of an answer's body when it has the API's error shape, else `undefined`. */
export function errorCode(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) {
    return undefined;
  }
  const inner: unknown = body.error;
  if (typeof inner !== "object" || inner === null || !("code" in inner)) {
    return undefined;
  }
  return typeof inner.code === "string" ? inner.code : undefined;
}
