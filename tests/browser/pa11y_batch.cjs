// Runs pa11y (WCAG 2 AA) on many pages with one browser: `node pa11y_batch.cjs CONFIG URL...`.
// Prints {url: [issue, ...]} as JSON, in the order the URLs were given. CONFIG holds pa11y's
// options (chromeLaunchConfig included) and `concurrency`: how many pages are checked at once, each
// in a tab of its own (as pa11y-ci does). Most of a page's time is pa11y waiting for the network to
// be idle (Chromium says so a second or two after the page has loaded), not work: the waits overlap.
const fs = require("fs");
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

(async () => {
  const [configFile, ...urls] = process.argv.slice(2);
  const { concurrency = 1, ...options } = JSON.parse(fs.readFileSync(configFile, "utf8"));
  const browser = await puppeteer.launch(options.chromeLaunchConfig);
  const found = {};
  const queue = [...urls];
  const check = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const result = await pa11y(url, { ...options, browser });
      found[url] = result.issues
        .filter((issue) => issue.type === "error")
        .map((issue) => `${issue.code}: ${issue.message} (${issue.selector})`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, check));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(Object.fromEntries(urls.map((url) => [url, found[url]]))));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
