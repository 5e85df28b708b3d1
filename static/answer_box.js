// An answer box that reports what is typed after a short pause, so nothing waits for the person to leave it.
//
// Streamlit's text area, number and date inputs report only on blur or Enter: text typed and left in the box
// is lost on a reload or a closed tab. This box reports `PAUSE_MS` after the last keystroke, and at once on
// Enter, on leaving the box and when the page is hidden or closed. Python answers every report with the
// stored value (`data.value`) and the text it last took from this box (`data.reported`); while the box holds
// text the server has not taken, the page is marked `data-answers-pending` and the save status says so.
//
// The box is built once per mount and kept across reruns (focus, caret and undo history survive); a new
// stored value replaces the box's text only when the person has not typed since the box was last in step
// with the server, so an answer being typed is never overwritten by an older one.
//
// Text not yet stored is also kept in the browser (localStorage, one entry per campaign and box, removed as
// soon as the campaign store holds the text: the server taking it is not enough while the store fails). A page opened again after a closed tab, a reload or a
// restarted server puts that text back and sends it; when the stored answer changed meanwhile, the box keeps
// the stored answer and offers the unsent text back instead ("Put it back" / "Discard").

const PAUSE_MS = 600;
const RETRY_MS = 2500;
const CARRY_MS = 5000; // keys typed ahead of a list item's box wait this long for it

// the box's look, once per page (this module is loaded once, from ui/answer_box.py's small loader)
if (!document.querySelector("link[data-answer-box]")) {
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = new URL("answer_box.css", import.meta.url).href;
  sheet.dataset.answerBox = "";
  document.head.append(sheet);
}
const registry = (window.__answerBoxes ??= new Map()); // key -> {flush, pending}
const KEEP_PREFIX = "answer-box:";
const KEEP_DAYS = 30; // a copy no page has asked for in this time is dropped (a shared computer forgets)
const WORDS = {
  restored: "Brought back from this browser: what you typed here at {time} had not reached the server yet.",
  changed: "What you typed here at {time} was never saved, and the answer has changed since. Your text:",
  put_back: "Put it back",
  discard: "Discard",
};

function words() {
  return { ...WORDS, ...(window.__answerBoxWords || {}) };
}

function keptKey(data) {
  const campaign = new URLSearchParams(window.location.search).get("c") || "-";
  return `${KEEP_PREFIX}${campaign}:${data.key}`;
}

function readKept(key) {
  try {
    const entry = JSON.parse(localStorage.getItem(key) || "null");
    return entry && typeof entry.text === "string" ? entry : null;
  } catch {
    return null; // storage switched off, or an entry this code did not write: nothing to offer
  }
}

function writeKept(key, entry) {
  try {
    if (entry) localStorage.setItem(key, JSON.stringify(entry));
    else localStorage.removeItem(key);
  } catch {
    // storage full or switched off: the box still sends what is typed; only the browser copy is missing
  }
}

function forgetOldCopies() {
  try {
    const oldest = Date.now() - KEEP_DAYS * 24 * 3600 * 1000;
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith(KEEP_PREFIX))) {
      if (!(readKept(key)?.at > oldest)) localStorage.removeItem(key);
    }
  } catch {
    // no storage: nothing kept
  }
}

function refreshPageMark() {
  const pending = [...registry.values()].some((box) => box.pending());
  document.documentElement.toggleAttribute("data-answers-pending", pending);
}

// Keys typed after Enter in a list item, before the server has drawn the next item's box: they belong to that
// box, not to the item just finished (on a slow link a person types on before the box is there). Each entry is
// {key, text}: the box it is for and what was typed for it; Enter pressed again starts the one after.
const carry = (window.__answerBoxCarry ??= []);

function nextKey(key) {
  return key.replace(/\d+$/, (number) => String(Number(number) + 1));
}

function holdKeys(key, source) {
  carry.push({ key, text: "" });
  carry.source = source; // keys are carried only while the person stays in the box they pressed Enter in
  clearTimeout(carry.timer);
  carry.timer = setTimeout(giveBack, CARRY_MS);
}

// The box never came (the list is full, the server is away): what was carried goes back where it was typed.
function giveBack() {
  const text = carry.map((entry) => entry.text).filter((t) => t.trim()).join(" ");
  const source = carry.source;
  carry.length = 0;
  if (text && source?.isConnected) {
    source.value = `${source.value} ${text}`;
    source._onInput?.();
  }
}

function carryKey(event) {
  if (!carry.length || document.activeElement !== carry.source) return; // moved elsewhere: keys go there
  if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
  const last = carry[carry.length - 1];
  if (event.key === "Enter") last.done = true;
  else if (event.key === "Backspace") last.text = last.text.slice(0, -1);
  else if (event.key.length === 1 && !last.done) last.text += event.key;
  else if (event.key.length === 1) carry.push({ key: nextKey(last.key), text: event.key });
  else return; // Tab, arrows, Esc: the browser's own
  event.preventDefault();
  event.stopPropagation();
}

if (!window.__answerBoxesListening) {
  window.__answerBoxesListening = true;
  document.addEventListener("keydown", carryKey, true);
  forgetOldCopies();
  const flushAll = () => registry.forEach((box) => box.flush());
  const flushBeforeGoing = () => {
    if (carry.length) giveBack(); // typed ahead of a box not drawn yet: stored with the item before it
    sendAtOnce(flushAll);
  };
  window.addEventListener("pagehide", flushBeforeGoing);
  window.addEventListener("beforeunload", flushBeforeGoing);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flushAll());
}

// Streamlit sends a changed widget state from a zero-delay timer; a closing page may never run that timer, so
// while the page goes, the timers `report` schedules with no delay run at once, before the handler returns.
function sendAtOnce(action) {
  const later = window.setTimeout;
  const now = [];
  window.setTimeout = (callback, delay, ...args) => {
    if (delay) return later(callback, delay, ...args);
    now.push(() => callback(...args));
    return 0;
  };
  try {
    action();
  } finally {
    window.setTimeout = later;
  }
  now.forEach((run) => run());
}

function build(parent, data) {
  const root = document.createElement("div");
  root.className = "answer-box";
  const id = `answer-${Math.random().toString(36).slice(2)}`;
  const head = document.createElement("div");
  head.className = "answer-box__head";
  const label = document.createElement("label");
  label.className = "answer-box__label";
  label.htmlFor = id;
  const help = document.createElement("span");
  help.className = "answer-box__help";
  help.textContent = "?";
  help.setAttribute("aria-hidden", "true"); // screen readers get the help as the box's description
  head.append(label, help);
  const box = document.createElement(data.kind === "lines" ? "textarea" : "input");
  box.id = id;
  box.className = "answer-box__input";
  box.setAttribute("dir", "auto"); // an answer typed in Arabic reads right to left in its box
  box.setAttribute("autocomplete", "off");
  if (data.kind === "date") box.type = "date";
  else if (data.kind !== "lines") box.type = "text";
  if (data.kind === "number") box.inputMode = "decimal";
  const description = document.createElement("span");
  description.id = `${id}-help`;
  description.className = "answer-box__hidden";
  const foot = document.createElement("div");
  foot.className = "answer-box__foot";
  const count = document.createElement("span");
  count.className = "answer-box__count";
  foot.append(count);
  root.append(head, box, description, foot);
  parent.append(root);
  box.value = data.value ?? "";
  box._synced = box.value; // the text known to be what the server holds
  box._server = data.value ?? "";
  box._stored = box._server; // the text known to be in the campaign store
  root._fresh = true; // a new page: look for text typed here that the server never received
  return root;
}

function showNote(root, message, quoted, buttons) {
  root.querySelector(".answer-box__note")?.remove();
  const note = document.createElement("div");
  note.className = "answer-box__note";
  note.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = message;
  note.append(text);
  if (quoted !== null) {
    const quote = document.createElement("q");
    quote.setAttribute("dir", "auto");
    quote.textContent = quoted;
    note.append(quote);
  }
  const row = document.createElement("span");
  row.className = "answer-box__note-buttons";
  for (const [label, act] of buttons) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", () => {
      note.remove();
      root._offering = false;
      act();
    });
    row.append(button);
  }
  note.append(row);
  root.append(note);
}

function configure(root, data) {
  const box = root.querySelector(".answer-box__input");
  root.querySelector(".answer-box__label").textContent = data.label;
  root
    .querySelector(".answer-box__head")
    .classList.toggle("answer-box__hidden", data.label_visibility === "collapsed");
  const help = root.querySelector(".answer-box__help");
  help.hidden = !data.help;
  help.title = data.help || "";
  const description = root.querySelector(".answer-box__hidden[id]");
  description.textContent = data.help || "";
  if (data.help) box.setAttribute("aria-describedby", description.id);
  else box.removeAttribute("aria-describedby");
  if (data.placeholder) box.placeholder = data.placeholder;
  else box.removeAttribute("placeholder");
  if (data.max_chars) box.maxLength = data.max_chars;
  if (data.kind === "lines") box.style.height = `${data.height || 90}px`;
  if (data.kind === "date") {
    box.min = data.min || "";
    box.max = data.max || "";
  }
  box.disabled = Boolean(data.disabled);
  root.dataset.answerKey = data.key;
  root.dataset.kind = data.kind;
}

export function mount(component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector(".answer-box") || build(parentElement, data);
  configure(root, data);
  const box = root.querySelector(".answer-box__input");
  const count = root.querySelector(".answer-box__count");

  // The server's answer to this run: take its value only when the person has not typed since the last sync.
  const stored = data.value ?? "";
  if (stored !== box._server && box.value === box._synced) {
    box.value = stored; // changed elsewhere (another laptop, a merge, "Undo") while this box was idle
    box._synced = stored;
  } else if (box.value === stored || (data.reported !== undefined && box.value === data.reported)) {
    box._synced = box.value; // the server holds this text (as typed, or cleaned of control characters)
  }
  box._server = stored;
  if (!data.unsaved) box._stored = stored; // while the store fails, the server's value is not yet stored

  const pending = () => box.value !== box._synced;
  const kept = keptKey(data);
  if (data.words) window.__answerBoxWords = data.words;
  const showCount = () => {
    count.textContent = data.max_chars ? `${box.value.length}/${data.max_chars}` : "";
  };
  let timer = null;
  const report = () => {
    clearTimeout(timer);
    timer = null;
    if (!pending() || box.value === box._sent) return;
    // a list item emptied while typing is removed only when the person leaves it, not under their cursor
    if (data.blank_waits && !box.value.trim() && document.activeElement === box) return;
    box._sent = box.value;
    setStateValue("typed", { text: box.value, id: `${Date.now()}-${Math.random().toString(36).slice(2)}` });
    // no answer from the server yet (disconnected: Streamlit drops the message): send it again until one comes
    clearTimeout(box._retry);
    box._retry = setTimeout(() => {
      if (box.isConnected && pending()) {
        box._sent = undefined;
        box._report();
      }
    }, RETRY_MS);
  };
  box._report = report;
  const flush = () => {
    if (box.isConnected) report();
  };
  const keep = () => {
    if (root._offering) return; // an offer of older unsent text is on screen: its copy stays until answered
    // the server took the text, and the store has it (or the box shows just what the store last held)
    if (!pending() && (!data.unsaved || box.value === box._stored)) {
      writeKept(kept, null);
      return;
    }
    const old = readKept(kept);
    const at = old && old.text === box.value ? old.at : Date.now();
    writeKept(kept, { text: box.value, base: box._stored, at });
  };
  const onInput = () => {
    showCount();
    keep();
    box._sent = undefined;
    refreshPageMark();
    clearTimeout(timer);
    timer = setTimeout(report, PAUSE_MS);
  };
  const onKey = (event) => {
    const enter = event.key === "Enter" && !event.isComposing;
    if (enter && (data.kind !== "lines" || event.ctrlKey || event.metaKey)) {
      if (data.next) window.__answerBoxFocus = data.next;
      report();
      if (data.next && !focusNext(data.next)) holdKeys(data.next, box);
    }
  };
  const onLeave = () => report();
  const onPaste = (event) => {
    // a date box takes no pasted text of its own: take "2027-03-01" (or "2027-03-01T…") copied from elsewhere
    if (data.kind !== "date") return;
    const day = /\d{4}-\d{2}-\d{2}/.exec(event.clipboardData?.getData("text") || "");
    if (!day) return;
    event.preventDefault();
    box.value = day[0];
    onInput();
  };
  box._onInput = onInput;
  box.addEventListener("paste", onPaste);
  box.addEventListener("input", onInput);
  box.addEventListener("keydown", onKey);
  box.addEventListener("blur", onLeave);
  registry.set(data.key, { flush, pending });
  if (root._fresh) {
    root._fresh = false;
    offerKept(root, box, kept, stored, data);
  } else {
    keep(); // dropped once the store holds what the box shows; kept (or updated) while it does not
  }
  showCount();
  refreshPageMark();
  if (pending()) {
    // the server's answer does not hold this text (typed since, or a report lost with the connection): send again
    box._sent = undefined;
    timer = setTimeout(report, PAUSE_MS);
  }
  if (carry.length && carry[0].key === data.key) {
    // the next list item's box, drawn after the person had already typed into it: its text goes in now
    const entry = carry.shift();
    const stayed = document.activeElement === carry.source || document.activeElement === document.body;
    box.value = entry.text;
    box._onInput();
    clearTimeout(carry.timer);
    if (carry.length) carry.timer = setTimeout(giveBack, CARRY_MS);
    if (entry.done && entry.text.trim()) {
      report(); // Enter was pressed after it: this item is done, and the one after it is on its way
      if (!carry.length) holdKeys(nextKey(data.key), carry.source);
      if (window.__answerBoxFocus === data.key) window.__answerBoxFocus = carry[0].key; // not this box's turn
    } else if (stayed) {
      carry.length = 0;
      window.__answerBoxFocus = data.key; // typing goes on in this box
    }
  }
  if (window.__answerBoxFocus === data.key) {
    window.__answerBoxFocus = undefined;
    box.focus();
    box.setSelectionRange?.(box.value.length, box.value.length);
  }
  return () => {
    clearTimeout(timer); // the next run re-invokes this function with the server's answer and schedules again
    box.removeEventListener("paste", onPaste);
    box.removeEventListener("input", onInput);
    box.removeEventListener("keydown", onKey);
    box.removeEventListener("blur", onLeave);
    if (registry.get(data.key)?.flush === flush) registry.delete(data.key);
    refreshPageMark();
  };
}

// Put back text typed on this page before that the server never received, or offer it when the answer changed.
function offerKept(root, box, kept, stored, data) {
  const onInput = () => box._onInput(); // the handler of the box's latest run
  const entry = readKept(kept);
  if (entry && entry.text === stored && data.unsaved) {
    box._stored = entry.base ?? ""; // the server holds this text but the store does not yet: keep the copy
    return;
  }
  if (!entry || entry.text === stored) {
    writeKept(kept, null);
    return;
  }
  const w = words();
  const lang = document.documentElement.lang || undefined;
  const time = new Date(entry.at).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
  if ((entry.base ?? "") === stored) {
    box.value = entry.text; // nothing changed on the server since: it is simply the text not yet sent
    showNote(root, w.restored.replace("{time}", time), null, [
      [
        w.discard,
        () => {
          box.value = stored;
          writeKept(kept, null);
          onInput();
        },
      ],
    ]);
    return;
  }
  root._offering = true; // the stored answer changed meanwhile: never write over it without a word
  showNote(root, w.changed.replace("{time}", time), entry.text, [
    [
      w.put_back,
      () => {
        box.value = entry.text;
        onInput();
        box.focus();
      },
    ],
    [w.discard, () => writeKept(kept, null)],
  ]);
}

function focusNext(key) {
  const next = document.querySelector(`[data-answer-key="${CSS.escape(key)}"] .answer-box__input`);
  if (next) {
    window.__answerBoxFocus = undefined;
    next.focus();
  }
  return Boolean(next);
}
