// Runs pa11y (WCAG 2 AA) on many pages with one browser: `node pa11y_batch.cjs CONFIG URL...`.
// Prints {url: [issue, ...]} as JSON. CONFIG holds pa11y's options (chromeLaunchConfig included).
const fs = require("fs");
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

(async () => {
  const [configFile, ...urls] = process.argv.slice(2);
  const options = JSON.parse(fs.readFileSync(configFile, "utf8"));
  const browser = await puppeteer.launch(options.chromeLaunchConfig);
  const found = {};
  try {
    for (const url of urls) {
      const result = await pa11y(url, { ...options, browser });
      found[url] = result.issues
        .filter((issue) => issue.type === "error")
        .map((issue) => `${issue.code}: ${issue.message} (${issue.selector})`);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
