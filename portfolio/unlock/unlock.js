// Unlock shell of an encrypted portfolio page (portfolio build --encrypt, portfolio share).
// No framework, no third-party code, nothing fetched: the sealed file is in this page. The passphrase is
// turned into a key with PBKDF2-HMAC-SHA256 (WebCrypto), exactly as portfolio/encrypt.py does; only the
// derived key, never the passphrase, is kept in this tab's sessionStorage until "Lock" or the tab closes.
(() => {
  "use strict";
  const te = new TextEncoder();
  const td = new TextDecoder();
  const $ = (id) => document.getElementById(id);
  const form = $("portfolio-form");
  const input = $("portfolio-pass");
  const submit = $("portfolio-submit");
  const message = $("portfolio-message");
  const shellStyle = $("portfolio-unlock-style");
  const CHECK = "portfolio key check";
  const FAKE_BASE = "https://portfolio.invalid/";

  const fromB64 = (text) => {
    const bin = atob(text.trim());
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  };
  const toB64 = (bytes) => {
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(s);
  };
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

  async function derive(passphrase, salt, iterations) {
    const base = await crypto.subtle.importKey(
      "raw", te.encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, 256);
    return new Uint8Array(bits);
  }

  async function keysFrom(master) {
    const hmac = { name: "HMAC", hash: "SHA-256" };
    const root = await crypto.subtle.importKey("raw", master, hmac, false, ["sign"]);
    const sub = async (label) => crypto.subtle.sign("HMAC", root, te.encode(label));
    const aes = await crypto.subtle.importKey(
      "raw", await sub("portfolio aes-256-gcm key"), "AES-GCM", false, ["decrypt"]);
    const names = await crypto.subtle.importKey(
      "raw", await sub("portfolio file names"), hmac, false, ["sign"]);
    return { master, aes, names };
  }

  async function nameOf(keys, path) {
    if (path === "index.html") return path;
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", keys.names, te.encode(path)));
    return hex(mac).slice(0, 20) + ".html";
  }

  async function open(keys, sealed, aad) {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: sealed.subarray(0, 12), additionalData: te.encode(aad) },
      keys.aes, sealed.subarray(12));
    return new Uint8Array(plain);
  }

  async function unwrap(plain) {
    const size = new DataView(plain.buffer, plain.byteOffset, 4).getUint32(0);
    const header = JSON.parse(td.decode(plain.subarray(4, 4 + size)));
    let bytes = plain.subarray(4 + size);
    if (header.deflate) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return { header, bytes };
  }

  // For the tests that compare this derivation with Python's, byte for byte. Nothing secret in here.
  window.portfolioUnlock = Object.freeze({
    derive: async (passphrase, saltB64, iterations) =>
      hex(await derive(passphrase, fromB64(saltB64), iterations)),
    name: async (masterHex, path) => {
      const master = new Uint8Array(masterHex.match(/../g).map((h) => parseInt(h, 16)));
      return nameOf(await keysFrom(master), path);
    },
  });

  function say(text, isError) {
    message.textContent = text;
    message.className = isError ? "portfolio-error" : "";
  }
  const DAMAGED =
    "This file is damaged: it cannot be decrypted, so nothing of it is shown. " +
    "Ask the sender for a fresh copy (or rebuild the site).";
  function damaged() {
    form.hidden = true;
    say(DAMAGED, true);
  }

  let header;
  try {
    header = JSON.parse($("portfolio-lock").textContent);
    fromB64(header.salt);
  } catch {
    damaged();
    return;
  }
  if (!window.crypto || !crypto.subtle) {
    say("This browser cannot unlock the page here: open it over https:// or as a file on your " +
      "computer, in a current browser.", true);
    return;
  }

  const storeKey = "portfolio-key:" + header.salt;
  const remember = (master) => { try { sessionStorage.setItem(storeKey, toB64(master)); } catch { /* no storage: ask on every page */ } };
  const forget = () => { try { sessionStorage.removeItem(storeKey); } catch { /* nothing kept */ } };
  const recalled = () => { try { return sessionStorage.getItem(storeKey); } catch { return null; } };

  function ownName() {
    if (header.mode === "share") return "share";
    let last = location.pathname.split("/").pop() || "";
    try { last = decodeURIComponent(last); } catch { /* keep it as it is */ }
    if (!last) return "index.html";
    return last.includes(".") ? last : last + ".html";  // hosts that serve x.html at /x
  }

  async function keyIsRight(keys) {
    try {
      return td.decode(await open(keys, fromB64(header.check), CHECK)) === CHECK;
    } catch {
      return false;
    }
  }

  function lockBar(note) {
    const bar = document.createElement("div");
    bar.className = "portfolio-lockbar";
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "Private page");
    const text = document.createElement("span");
    text.id = "portfolio-bar-note";
    text.textContent = note || "Unlocked in this tab.";
    const button = document.createElement("button");
    button.type = "button";
    button.id = "portfolio-lock-button";
    button.textContent = "Lock";
    button.addEventListener("click", () => {
      forget();
      location.reload();
    });
    bar.append(text, button);
    document.body.prepend(bar);
  }

  function save(file) {
    const url = URL.createObjectURL(new Blob([file.bytes], { type: file.header.type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = file.header.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // Where a link of the decrypted page leads: null to leave it alone (in-page, external), else the
  // published name of its target (static files keep their own) and its fragment.
  async function targetOf(keys, value, pageUrl) {
    if (!value || value.startsWith("#") || value.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(value)) {
      return null;
    }
    const url = new URL(value, pageUrl);
    if (url.origin + "/" !== FAKE_BASE) return null;
    const encoded = url.pathname.slice(1);
    let path = encoded;
    try { path = decodeURIComponent(encoded); } catch { /* keep it */ }
    if (path.startsWith("static/") || path === "robots.txt") return { name: encoded, hash: url.hash };
    return { name: await nameOf(keys, path), hash: url.hash };
  }

  async function showPage(keys, file) {
    // A strict policy blocks style attributes parsed from markup (even in a DOMParser document); the same
    // values set through the CSSOM are allowed (the progress bars of the dashboard). So each tag's style
    // attribute is renamed before parsing and applied property by property once the page is in place.
    const text = td.decode(file.bytes).replace(/<[a-zA-Z][^>]*>/g,
      (tag) => tag.replace(/(\s)style=/gi, "$1data-portfolio-style="));
    const doc = new DOMParser().parseFromString(text, "text/html");
    for (const s of doc.querySelectorAll("script")) s.remove();  // pages carry none; never run any
    const embeds = new Map();
    for (const el of document.querySelectorAll("script.portfolio-embed")) {
      embeds.set(el.dataset.name, el.textContent);
    }
    const opened = new Map();
    const openEmbed = async (name) => {
      if (!opened.has(name)) opened.set(name, await unwrap(await open(keys, fromB64(embeds.get(name)), name)));
      return opened.get(name);
    };
    const pageUrl = new URL(file.header.path.split("/").map(encodeURIComponent).join("/"), FAKE_BASE);
    const downloads = new Map();
    for (const el of doc.querySelectorAll("[href], [src]")) {
      for (const attr of ["href", "src"]) {
        const target = await targetOf(keys, el.getAttribute(attr), pageUrl);
        if (target === null) continue;
        if (embeds.has(target.name) && el.tagName === "IMG" && attr === "src") {
          const f = await openEmbed(target.name);
          el.setAttribute("src", URL.createObjectURL(new Blob([f.bytes], { type: f.header.type })));
          continue;
        }
        el.setAttribute(attr, target.name + target.hash);
        if (embeds.has(target.name)) downloads.set(el, target.name);
      }
    }
    const root = document.adoptNode(doc.documentElement);
    document.replaceChild(root, document.documentElement);
    for (const el of document.querySelectorAll("[data-portfolio-style]")) {
      for (const declaration of el.getAttribute("data-portfolio-style").split(";")) {
        const colon = declaration.indexOf(":");
        if (colon > 0) {
          el.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
        }
      }
      el.removeAttribute("data-portfolio-style");
    }
    document.head.append(shellStyle);
    lockBar();
    document.addEventListener("click", async (event) => {
      const a = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!a || !downloads.has(a)) return;
      event.preventDefault();
      try {
        save(await openEmbed(downloads.get(a)));
      } catch {
        $("portfolio-bar-note").textContent = DAMAGED;
      }
    });
    const wanted = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (wanted) wanted.scrollIntoView();
  }

  async function showFile(file) {
    const card = $("portfolio-unlock");
    const title = document.createElement("h1");
    title.textContent = file.header.name;
    const about = document.createElement("p");
    const digest = hex(new Uint8Array(await crypto.subtle.digest("SHA-256", file.bytes)));
    about.append(`${file.bytes.length.toLocaleString("en-US")} bytes. SHA-256 `);
    const mono = document.createElement("span");
    mono.className = "portfolio-mono";
    mono.textContent = digest;
    about.append(mono);
    const url = URL.createObjectURL(new Blob([file.bytes], { type: file.header.type }));
    const download = document.createElement("a");
    download.className = "portfolio-button";
    download.id = "portfolio-download";
    download.href = url;
    download.download = file.header.name;
    download.textContent = `Download ${file.header.name}`;
    const nodes = [title, about, download];
    if (file.header.type.startsWith("image/")) {
      const img = document.createElement("img");
      img.className = "portfolio-preview";
      img.src = url;
      img.alt = `Certificate image ${file.header.name}`;
      nodes.push(img);
    }
    const back = document.createElement("p");
    const home = document.createElement("a");
    home.href = "index.html";
    home.textContent = "Back to the dashboard";
    back.append(home);
    nodes.push(back);
    card.replaceChildren(...nodes);
    document.body.classList.add("portfolio-unlocked");
    document.title = file.header.name;
    lockBar();
  }

  async function show(keys) {
    let file;
    try {
      file = await unwrap(await open(keys, fromB64($("portfolio-data").textContent), ownName()));
    } catch {
      damaged();
      return;
    }
    form.hidden = true;
    say("");
    if (file.header.type === "text/html") await showPage(keys, file);
    else await showFile(file);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const passphrase = input.value;
    if (!passphrase) return;
    submit.disabled = true;
    say("Unlocking…");
    let master, keys;
    try {
      master = await derive(passphrase, fromB64(header.salt), header.iterations);
      keys = await keysFrom(master);
    } catch {
      submit.disabled = false;
      say("This browser could not unlock the page. Try a current version of Chrome, Edge, Firefox or Safari.", true);
      return;
    }
    input.value = "";
    submit.disabled = false;
    if (!(await keyIsRight(keys))) {
      say("That passphrase is not right. Nothing was unlocked; check it and try again.", true);
      input.focus();
      return;
    }
    remember(master);
    await show(keys);
  });

  // Back after Lock must not bring an unlocked page out of the browser's page cache.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && !recalled()) location.reload();
  });

  (async () => {
    const kept = recalled();
    if (kept) {
      const keys = await keysFrom(fromB64(kept));
      if (await keyIsRight(keys)) {
        await show(keys);
        return;
      }
      forget();
      say("The passphrase this tab remembered does not open this page (was the site rebuilt with " +
        "another one?). Enter the passphrase to unlock it.", false);
    }
    form.hidden = false;
    input.focus();
  })();
})();
