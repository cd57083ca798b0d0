// Loaded async from <head> on pages with a live tool: starts Python's worker once the page
// has first painted, so Python's 13 MB download never competes with the page's own styles
// and text (on a return visit Python starts from its snapshot, which needs no download).
// app.js imports the same runtime.js, so both share the one worker, whichever asks first.
import { runtime } from "./runtime.js";

requestAnimationFrame(() => setTimeout(() => runtime().start(), 0));
