// The author's page: a form for one template, and its PDF built again on every change,
// and whenever a template or exercise file changes on disk.
"use strict";

(() => {
  const form = document.getElementById("form");
  const select = document.getElementById("template");
  const status = document.getElementById("status");
  const errors = document.getElementById("errors");
  const download = document.getElementById("download");
  const preview = document.getElementById("preview");
  const command = document.getElementById("command");
  let templates = [];
  let asked = 0;        // the latest build asked for: an older answer arriving late is dropped
  let timer = null;
  let stamp = null;

  const current = () => templates.find((t) => t.name === select.value);

  function field(param) {
    const label = document.createElement("label");
    label.textContent = param.name;
    const input = document.createElement("input");
    input.name = `param:${param.name}`;
    input.value = param.default;
    input.dataset.default = param.default;
    input.placeholder = param.default === "" ? "(blank)" : "";
    label.append(input);
    if (param.about) {
      const about = document.createElement("small");
      about.textContent = param.about;
      label.append(about);
    }
    return label;
  }

  function sessionBox(session) {
    const label = document.createElement("label");
    label.className = "check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.name = "session";
    box.value = session.id;
    label.append(box, ` ${session.name} (${session.id})`);
    return label;
  }

  // The form for the chosen template; values typed for a param or session it still has are kept.
  function buildForm() {
    const template = current();
    const kept = Object.fromEntries([...form.querySelectorAll("[name^='param:']")].map((i) => [i.name, i.value]));
    const ticked = new Set([...form.querySelectorAll("[name=session]:checked")].map((b) => b.value));
    const params = document.getElementById("params");
    const sessions = document.getElementById("sessions");
    document.getElementById("about-template").textContent = template ? template.description || "" : "";
    // log_weeks has its own box among the options, as --log-weeks is an option of the CLI.
    const all = (template && template.params) || [];
    const logWeeks = all.find((p) => p.name === "log_weeks");
    document.getElementById("log-weeks").placeholder = logWeeks && logWeeks.default ? `${logWeeks.default}` : "";
    params.replaceChildren(...all.filter((p) => p.name !== "log_weeks").map(field));
    if (template && template.errors) {
      const waiting = document.createElement("p");
      waiting.className = "about";
      waiting.textContent = "Its params show here once the template loads.";
      params.append(waiting);
    }
    sessions.replaceChildren(...((template && template.sessions) || []).map(sessionBox));
    for (const input of params.querySelectorAll("input")) {
      if (input.name in kept) input.value = kept[input.name];
    }
    for (const box of sessions.querySelectorAll("input")) box.checked = ticked.has(box.value);
  }

  function choices() {
    const data = new FormData(form);
    const sets = {};
    for (const input of form.querySelectorAll("[name^='param:']")) {
      if (input.value !== input.dataset.default) sets[input.name.slice(6)] = input.value;
    }
    return {
      template: select.value, kind: data.get("kind"), sessions: data.getAll("session"), paper: data.get("paper"),
      sides: data.get("sides"), two_up: data.get("two_up") === "on", effort: data.get("effort"),
      log_weeks: data.get("log_weeks"), units: "", sets,
    };
  }

  async function render() {
    const mine = ++asked;
    const sent = choices();
    document.body.classList.toggle("week", sent.kind === "week");
    status.textContent = "Building…";
    const answer = await runprint.call("/api/sheet", {
      method: "POST", body: JSON.stringify(sent), headers: { "Content-Type": "application/json" },
    });
    if (mine !== asked) return;
    const body = answer.body;
    command.value = body.command || "";
    runprint.showErrors(errors, body.errors);
    runprint.showNotes(document.getElementById("notes"), body.notes);
    if (!answer.ok) {
      status.textContent = "Not built: fix the problem above.";
      status.dataset.state = "error";
      download.hidden = true;
      preview.hidden = true;
      preview.removeAttribute("src");
      return;
    }
    const size = Math.round((body.pdf.length * 3) / 4 / 1024);
    status.textContent = `${body.title}: ${body.pages} page${body.pages === 1 ? "" : "s"}, ${size} KB`;
    status.dataset.state = "ok";
    status.dataset.pages = body.pages;
    preview.src = runprint.offer(download, body.pdf, body.file_name, "application/pdf");
    preview.hidden = false;
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(render, 150);
  }

  async function loadTemplates() {
    const answer = await runprint.call("/api/templates");
    templates = answer.body;
    const wanted = select.value || new URLSearchParams(location.search).get("template");
    runprint.templates(select, templates, wanted);
    buildForm();
  }

  // The files on disk: checked twice a second, and the preview built again when any changed.
  async function watch() {
    try {
      const answer = await runprint.call("/api/stamp");
      if (stamp !== null && answer.body.stamp !== stamp) {
        await loadTemplates();
        await render();
      }
      stamp = answer.body.stamp;
      document.getElementById("live").dataset.state = "ok";
    } catch (err) {
      document.getElementById("live").dataset.state = "lost";
    }
    setTimeout(watch, 500);
  }

  select.addEventListener("change", () => { buildForm(); soon(); });
  form.addEventListener("input", (event) => { if (event.target !== select) soon(); });
  form.addEventListener("submit", (event) => event.preventDefault());
  command.addEventListener("focus", () => command.select());

  loadTemplates().then(render).then(watch);
})();
