// Starts the app. Lives in its own file rather than inline so the page's
// Content-Security-Policy can forbid inline scripts. Trunk fills in the
// data-js / data-wasm attributes of the <script> tag that loads this file
// (see pattern_script in Trunk.toml).
const tag = document.querySelector("script[data-ordinal-boot]");
const base = new URL(".", document.baseURI);

function showFailure(error) {
  const message = document.querySelector("#app .loading");
  if (message) {
    message.classList.add("loading--failed");
    message.textContent = "Ordinal could not start in this browser: " + error;
  }
  throw error;
}

try {
  const bindings = await import(new URL(tag.dataset.js, base).href);
  const wasm = await bindings.default({ module_or_path: new URL(tag.dataset.wasm, base).href });
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
} catch (error) {
  showFailure(error);
}
