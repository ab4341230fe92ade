// A calendar in the Buddhist era beside every date box of the forms (projects/fields.py):
// the browser's own date input shows the Western calendar only. Typing stays possible, in
// พ.ศ. or ค.ศ.; the server reads both. Without JavaScript the box alone works.
(function () {
  "use strict";
  const english = document.documentElement.lang.startsWith("en");
  const MONTHS = english
    ? ["January", "February", "March", "April", "May", "June", "July", "August",
       "September", "October", "November", "December"]
    : ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
       "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  const DAYS = english ? ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"]
    : ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"];
  const TEXT = english
    ? {open: "Choose a date", prev: "Previous month", next: "Next month", era: "B.E."}
    : {open: "เลือกวันที่จากปฏิทิน", prev: "เดือนก่อน", next: "เดือนถัดไป", era: "พ.ศ."};
  const BE = 543;
  const pad = (n) => String(n).padStart(2, "0");
  const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

  // The day a box holds, as the server would read it; null when it holds none.
  function parse(text) {
    const t = text.trim().replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));
    let m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    let y, mo, d;
    if (m) { [y, mo, d] = [+m[1], +m[2], +m[3]]; }
    else if ((m = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/))) {
      [d, mo, y] = [+m[1], +m[2], +m[3]];
      if (m[3].length === 2) y += 2500;
    } else { return null; }
    if (y >= 2400) y -= BE;
    const date = new Date(y, mo - 1, d);
    return date.getMonth() === mo - 1 ? date : null;
  }

  // Drawn, not an emoji: many office machines have no emoji font and would show a box.
  function calendarIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 0h1v2h6V0h1v2h3v14H1V2h3zM2 5v10h12V5zm2 2h2v2H4zm3 0h2v2H7zm3 0h2v2h-2zm-6 3h2v2H4zm3 0h2v2H7z");
    svg.appendChild(path);
    return svg;
  }

  function attach(input) {
    const wrap = document.createElement("div");
    wrap.className = "thai-date input-group";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary";
    button.setAttribute("aria-label", TEXT.open);
    button.setAttribute("aria-expanded", "false");
    button.appendChild(calendarIcon());
    wrap.appendChild(button);
    const popup = document.createElement("div");
    popup.className = "thai-date-popup border rounded bg-body p-2 shadow";
    popup.hidden = true;
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", TEXT.open);
    wrap.appendChild(popup);
    let shown = new Date();

    function draw() {
      const y = shown.getFullYear();
      const mo = shown.getMonth();
      const chosen = parse(input.value);
      popup.replaceChildren();
      const head = document.createElement("div");
      head.className = "d-flex justify-content-between align-items-center mb-1";
      const prev = navButton("‹", TEXT.prev, -1);
      const title = document.createElement("strong");
      title.className = "thai-date-title";
      title.textContent = `${MONTHS[mo]} ${TEXT.era} ${y + BE}`;
      head.append(prev, title, navButton("›", TEXT.next, 1));
      popup.appendChild(head);
      const grid = document.createElement("div");
      grid.className = "thai-date-grid";
      for (const name of DAYS) {
        const cell = document.createElement("span");
        cell.className = "small text-body-secondary";
        cell.textContent = name;
        grid.appendChild(cell);
      }
      for (let i = 0; i < new Date(y, mo, 1).getDay(); i++) grid.appendChild(document.createElement("span"));
      const last = new Date(y, mo + 1, 0).getDate();
      for (let day = 1; day <= last; day++) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "btn btn-sm btn-light";
        b.textContent = day;
        b.setAttribute("aria-label", `${day} ${MONTHS[mo]} ${TEXT.era} ${y + BE}`);
        if (chosen && chosen.getFullYear() === y && chosen.getMonth() === mo && chosen.getDate() === day) {
          b.classList.replace("btn-light", "btn-primary");
          b.setAttribute("aria-pressed", "true");
        }
        b.addEventListener("click", () => {
          input.value = `${pad(day)}/${pad(mo + 1)}/${y + BE}`;
          input.dispatchEvent(new Event("change", {bubbles: true}));
          close();
          input.focus();
        });
        grid.appendChild(b);
      }
      popup.appendChild(grid);
    }

    function navButton(label, name, step) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-sm btn-outline-secondary";
      b.textContent = label;
      b.setAttribute("aria-label", name);
      b.addEventListener("click", () => {
        shown = new Date(shown.getFullYear(), shown.getMonth() + step, 1);
        draw();
      });
      return b;
    }

    function close() {
      popup.hidden = true;
      button.setAttribute("aria-expanded", "false");
    }

    button.addEventListener("click", () => {
      if (!popup.hidden) { close(); return; }
      shown = parse(input.value) || new Date();
      draw();
      popup.hidden = false;
      button.setAttribute("aria-expanded", "true");
    });
    popup.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { close(); button.focus(); }
    });
    document.addEventListener("click", (event) => {
      // composedPath, not contains: a month button clicked is gone from the redrawn popup.
      if (!event.composedPath().includes(wrap)) close();
    });
  }

  document.querySelectorAll("input[data-thai-date]").forEach(attach);
})();
