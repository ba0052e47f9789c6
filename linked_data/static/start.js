// YASGUI pre-set to this server's SPARQL endpoint, with the README's example queries
// as its library. Everything it loads comes from this server: the page's
// Content-Security-Policy refuses any other origin.
(async function () {
  "use strict";
  const endpoint = new URL("/sparql", window.location.href).href;
  let examples = [];
  try {
    examples = await (await fetch("/examples")).json();
  } catch (err) {
    console.error("could not load the example queries", err);
  }
  const first = examples.length ? examples[0].query : "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10";
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null,   // each visit starts from the library, not from another session's tabs
    yasqe: { value: first },
  });
  const list = document.getElementById("examples");
  examples.forEach(function (example) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = example.title;
    button.title = example.comment;
    button.addEventListener("click", function () {
      const tab = yasgui.getTab();
      tab.setQuery(example.query);
      tab.setName(example.title.slice(0, 40));
    });
    list.appendChild(button);
  });
  window.standardsKgYasgui = yasgui;   // for the browser tests
  document.body.dataset.ready = "true";
})();
