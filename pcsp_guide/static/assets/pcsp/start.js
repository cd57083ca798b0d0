// Loaded async from <head> on pages with a live tool: starting Python's worker
// before the page has finished loading wins back the page's own load time.
// app.js imports the same runtime.js, so both share the one worker.
import { runtime } from "./runtime.js";

runtime().start();
