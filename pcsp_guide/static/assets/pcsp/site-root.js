// Where the site's own files are: the pcsp plugin puts these modules in assets/pcsp/
// under the site root, so the root is two folders up from here, at whatever depth the
// page is and wherever the site is hosted. Examples, Python and the service worker are
// all named from the root.
export const SITE_ROOT = new URL("../../", import.meta.url);

/** The address of a file named from the site root ("examples/cecilia-plan.json"). */
export function siteUrl(path) {
  return new URL(path, SITE_ROOT).href;
}
