import { createContext, useContext } from "react";

/** The CSP nonce of the current response; empty in the browser (it hides the value after load). */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
