// Opened from disk (file://), the browser refuses the requests the search page makes for
// an excerpt of each result, and logs an error for each. There, list the results without
// excerpts; on a web server they keep them.
if (window.location.protocol === "file:") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}
