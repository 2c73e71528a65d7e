import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-response nonce for the Content-Security-Policy, set by the HTTP server. */
    cspNonce: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
