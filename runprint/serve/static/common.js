// What both pages share: calling the server, showing errors, and a file to download.
"use strict";

const runprint = {
  // The printed URL's token (a club's server): the first page load turns it into a cookie,
  // and it rides along on every call too, so a page opened from that URL keeps working.
  token: new URLSearchParams(location.search).get("token") || "",

  headers(extra) {
    return Object.assign(this.token ? { "X-Runprint-Token": this.token } : {}, extra || {});
  },

  async call(path, options) {
    const response = await fetch(path, Object.assign({}, options, { headers: this.headers((options || {}).headers) }));
    let body;
    try {
      body = await response.json();
    } catch (err) {
      body = { errors: [`error: the server answered ${response.status}`] };
    }
    return { ok: response.ok, status: response.status, body };
  },

  showErrors(box, lines) {
    box.textContent = (lines || []).join("\n");
    box.hidden = !(lines && lines.length);
  },

  showNotes(list, notes) {
    list.replaceChildren(...(notes || []).map((note) => {
      const item = document.createElement("li");
      item.textContent = note.startsWith("note: ") || note.startsWith("error: ") ? note : `note: ${note}`;
      return item;
    }));
  },

  // The bytes the server built, as a link the browser saves under the CLI's file name.
  offer(link, base64, fileName, type) {
    if (link.href) URL.revokeObjectURL(link.href);
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    link.href = URL.createObjectURL(new Blob([bytes], { type }));
    link.download = fileName;
    link.hidden = false;
    return link.href;
  },

  templates(select, list, wanted) {
    select.replaceChildren(...list.map((t) => {
      const option = document.createElement("option");
      option.value = t.name;
      option.textContent = t.origin === "built-in" ? t.name : `${t.name} (${t.origin})`;
      return option;
    }));
    if (wanted && list.some((t) => t.name === wanted)) select.value = wanted;
  },
};
