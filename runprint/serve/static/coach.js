// The coach's page: a roster in, the roster as runprint reads it and every athlete's sheets out.
"use strict";

(() => {
  const form = document.getElementById("form");
  const select = document.getElementById("template");
  const status = document.getElementById("status");
  const errors = document.getElementById("errors");
  const download = document.getElementById("download");
  const rows = document.getElementById("rows");
  const command = document.getElementById("command");
  let asked = 0;

  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function showRoster(body) {
    const columns = document.getElementById("columns");
    const matched = (body.columns || []).map((c) => (c.header === c.param ? c.param : `${c.header} → ${c.param}`));
    columns.replaceChildren();
    if (matched.length) {
      const line = document.createElement("p");
      line.textContent = `Columns read: ${matched.join(", ")}`;
      columns.append(line);
    }
    if ((body.unused || []).length) {
      const line = document.createElement("p");
      line.className = "unused";
      line.textContent = `Columns not read: ${body.unused.join(", ")}`;
      columns.append(line);
    }
    const tbody = rows.querySelector("tbody");
    tbody.replaceChildren(...(body.rows || []).map((row) => {
      const tr = document.createElement("tr");
      tr.dataset.row = row.row;
      tr.className = row.problems.length ? "bad" : "good";
      const values = Object.entries(row.values).map(([key, value]) => `${key} ${value}`).join(" · ");
      tr.append(cell(`${body.word} ${row.row}`), cell(row.athlete || "(no name)"), cell(values || "defaults", "values"),
        cell(row.problems.length ? row.problems.join("\n") : "ok", row.problems.length ? "problem" : "ok"));
      return tr;
    }));
    rows.hidden = !(body.rows || []).length;
  }

  async function send() {
    const data = new FormData(form);
    if (!document.getElementById("roster").files.length) return;
    if (!document.getElementById("history").files.length) data.delete("history");
    const mine = ++asked;
    status.textContent = "Reading the roster and printing…";
    status.dataset.state = "busy";
    const answer = await runprint.call("/api/batch", { method: "POST", body: data });
    if (mine !== asked) return;
    const body = answer.body;
    command.value = body.command || "";
    runprint.showErrors(errors, body.errors);
    runprint.showNotes(document.getElementById("notes"), body.notes);
    showRoster(body);
    if (!body.data) {
      status.textContent = answer.ok ? "No athlete could be printed: fix the rows below." : "Not printed: fix the problem above.";
      status.dataset.state = "error";
      download.hidden = true;
      return;
    }
    const total = body.rows.length;
    const failed = total - body.printed;
    status.textContent = `${body.printed} of ${total} athletes printed` + (failed ? `; ${failed} with problems` : "");
    status.dataset.state = failed ? "partial" : "ok";
    const type = body.file_name.endsWith(".zip") ? "application/zip" : "application/pdf";
    runprint.offer(download, body.data, body.file_name, type);
    download.textContent = `Download ${body.file_name}`;
  }

  async function loadTemplates() {
    const answer = await runprint.call("/api/templates");
    runprint.templates(select, answer.body.filter((t) => !t.errors), select.value);
  }

  form.addEventListener("change", send);
  form.addEventListener("submit", (event) => { event.preventDefault(); send(); });
  command.addEventListener("focus", () => command.select());
  loadTemplates();
})();
