// Starts the app. Lives in its own file rather than inline so the page's
// Content-Security-Policy can forbid inline scripts. Trunk fills in the
// data-js / data-wasm attributes of the <script> tag that loads this file
// (see pattern_script in Trunk.toml).
const tag = document.querySelector("script[data-ordinal-boot]");
const base = new URL(".", document.baseURI);
// The loading message in the visitor's language (the app itself chooses the
// same way, from navigator.language).
const portuguese = (navigator.language || "").toLowerCase().startsWith("pt");
const loading = document.querySelector("#app .loading");
if (portuguese) {
  document.documentElement.lang = "pt-BR";
  if (loading) loading.textContent = "Carregando o Ordinal…";
}

function showFailure(error) {
  if (loading) {
    loading.classList.add("loading--failed");
    loading.textContent =
      (portuguese ? "O Ordinal não conseguiu iniciar neste navegador: " : "Ordinal could not start in this browser: ") +
      error;
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
