"use strict";
// The index page: search and publish torrents, read one torrent, and watch multicast groups.
// Plain JavaScript over the REST API; nothing is loaded from elsewhere, so it works offline.

const api = (path) => `api/${path}`;
const PAGE_SIZE = 20;
const state = { query: "", page: 0, total: 0, sizes: new Map() };

const $ = (selector) => document.querySelector(selector);
const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
};

function size(bytes) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

async function getJson(path) {
  const response = await fetch(api(path), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.reason || `HTTP ${response.status}`);
  return body;
}

async function search() {
  const query = encodeURIComponent(state.query);
  const result = await getJson(`torrents?q=${query}&page=${state.page}&size=${PAGE_SIZE}`);
  state.total = result.total;
  const rows = $("#torrents tbody");
  rows.replaceChildren();
  for (const item of result.items) {
    state.sizes.set(item.infoHash, item.totalSize);
    rows.append(el("tr", {},
      el("td", {}, el("a", { href: `#/torrent/${item.infoHash}`, text: item.name })),
      el("td", { class: "number", text: size(item.totalSize) }),
      el("td", { class: "number", text: String(item.fileCount) }),
      el("td", { class: "number", text: String(item.seeders) }),
      el("td", { class: "number", text: String(item.leechers) }),
      el("td", { class: "number", text: String(item.completed) }),
      el("td", { text: new Date(item.addedAt).toLocaleString() })));
  }
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  $("#torrents-summary").textContent = result.total === 0
    ? (state.query ? `No torrent matches "${state.query}".` : "No torrents yet.")
    : `${result.total} torrent${result.total === 1 ? "" : "s"}${state.query ? ` matching "${state.query}"` : ""}.`;
  $("#page-info").textContent = `Page ${state.page + 1} of ${pages}`;
  $("#previous").disabled = state.page === 0;
  $("#next").disabled = state.page + 1 >= pages;
}

async function publish(file) {
  const status = $("#upload-status");
  status.className = "";
  status.textContent = `Publishing ${file.name}…`;
  try {
    const headers = { "Content-Type": "application/x-bittorrent" };
    const token = $("#token").value.trim();
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(api("torrents"), { method: "POST", headers, body: await file.arrayBuffer() });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.reason || `HTTP ${response.status}`);
    status.className = "ok";
    status.textContent = response.status === 201
      ? `Published "${body.name}".`
      : `"${body.name}" was already published.`;
    state.query = ""; state.page = 0; $("#search").value = "";
    await search();
  } catch (error) {
    status.className = "error";
    status.textContent = `Not published: ${error.message}`;
  }
}

async function showTorrent(infoHash) {
  const torrent = await getJson(`torrents/${infoHash}`);
  state.sizes.set(torrent.infoHash, torrent.totalSize);
  $("#torrent-name").textContent = torrent.name;
  const facts = $("#torrent-facts");
  facts.replaceChildren();
  const fact = (name, value) => facts.append(el("dt", { text: name }), el("dd", { text: value }));
  fact("Info-hash", torrent.infoHash);
  fact("Size", `${size(torrent.totalSize)} (${torrent.totalSize.toLocaleString()} bytes)`);
  fact("Pieces", `${torrent.pieceCount} × ${size(torrent.pieceLength)}`);
  fact("Swarm", `${torrent.seeders} seeding, ${torrent.leechers} downloading, ${torrent.completed} completed`);
  fact("Trackers", torrent.trackers.flat().join(", ") || "none");
  fact("Private", torrent.privateTorrent ? "yes" : "no");
  if (torrent.comment) fact("Comment", torrent.comment);
  if (torrent.createdBy) fact("Created by", torrent.createdBy);
  fact("Added", new Date(torrent.addedAt).toLocaleString());
  $("#torrent-download").href = torrent.torrentUrl;
  $("#torrent-magnet").href = torrent.magnet;
  const files = $("#torrent-files tbody");
  files.replaceChildren();
  for (const file of torrent.files) {
    files.append(el("tr", {}, el("td", { text: file.path }), el("td", { class: "number", text: size(file.length) })));
  }
  await refreshTorrentGroups(infoHash);
}

function band(group) {
  return group.slowestRttMicros === undefined
    ? `RTT band ${group.band}`
    : `RTT band ${group.band}, slowest ${(group.slowestRttMicros / 1000).toFixed(2)} ms`;
}

function groupCard(group) {
  const total = state.sizes.get(group.infoHash);
  const members = el("table", {},
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Member" }), el("th", { scope: "col", text: "RTT" }),
      el("th", { scope: "col", text: "Progress" }))));
  const body = el("tbody");
  for (const member of group.members) {
    const progress = total
      ? el("progress", { max: String(total), value: String(member.done ? total : Math.min(member.bytesDone, total)),
          "aria-label": `progress of ${member.peerId}` })
      : el("span", { text: size(member.bytesDone) });
    body.append(el("tr", {},
      el("td", { text: member.peerId + (member.lateJoiner ? " (late)" : "") + (member.gone ? " (gone)" : "") }),
      el("td", { class: "number", text: `${(member.rttMicros / 1000).toFixed(2)} ms` }),
      el("td", {}, progress, member.done ? " done" : "")));
  }
  members.append(body);
  return el("article", { class: "group", "aria-label": `group ${group.id}` },
    el("h4", {}, `Group ${group.id} · `, el("span", { class: `state ${group.state}`, text: group.state })),
    el("p", { text: `${group.address}:${group.port} (TTL ${group.ttl}) · ${band(group)} · sender ${group.sender} · ${group.members.length} member${group.members.length === 1 ? "" : "s"}`
      + (group.bytesSent ? ` · sent ${size(group.bytesSent)} in ${group.rounds} round${group.rounds === 1 ? "" : "s"}` : "")
      + (group.rateBitsPerSecond ? ` at ${(group.rateBitsPerSecond / 1e6).toFixed(1)} Mbit/s` : "") }),
    members);
}

/** Learns the sizes of the torrents of these groups, so progress bars can show a share. */
async function learnSizes(groups) {
  for (const hash of new Set(groups.map((group) => group.infoHash))) {
    if (!state.sizes.has(hash)) {
      const torrent = await getJson(`torrents/${hash}`).catch(() => null);
      if (torrent) state.sizes.set(hash, torrent.totalSize);
    }
  }
}

async function showGroups(groups) {
  await learnSizes(groups);
  $("#groups").replaceChildren(...(groups.length ? groups.map(groupCard) : [el("p", { text: "No group is active." })]));
}

async function refreshGroups() {
  try {
    await showGroups(await getJson("groups"));
  } catch (error) {
    $("#groups").replaceChildren(el("p", { text: `Groups unavailable: ${error.message}` }));
  }
}

/** Live groups: server-sent events when the browser and the network allow, else polling. */
let live = false;
function listenToGroups() {
  if (!window.EventSource) return;
  const events = new EventSource(api("groups/stream"));
  events.addEventListener("groups", (event) => {
    live = true;
    showGroups(JSON.parse(event.data));
    const match = location.hash.match(/^#\/torrent\/([0-9a-fA-F]{40})$/);
    if (match) refreshTorrentGroups(match[1].toLowerCase()).catch(() => {});
  });
  events.onerror = () => { live = false; };
}

async function refreshTorrentGroups(infoHash) {
  const groups = await getJson(`torrents/${infoHash}/groups`);
  const all = [...groups.active, ...groups.finished];
  $("#torrent-groups").replaceChildren(
    ...(all.length ? all.map(groupCard) : [el("p", { text: "No group has formed for this torrent yet." })]));
}

async function route() {
  const match = location.hash.match(/^#\/torrent\/([0-9a-fA-F]{40})$/);
  $("#list-view").hidden = Boolean(match);
  $("#torrent-view").hidden = !match;
  try {
    if (match) await showTorrent(match[1].toLowerCase());
    else await search();
  } catch (error) {
    $("#upload-status").className = "error";
    $("#upload-status").textContent = error.message;
  }
}

$("#search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.query = $("#search").value.trim();
  state.page = 0;
  search();
});
$("#previous").addEventListener("click", () => { state.page--; search(); });
$("#next").addEventListener("click", () => { state.page++; search(); });
$("#file").addEventListener("change", (event) => { if (event.target.files[0]) publish(event.target.files[0]); });
const zone = $("#drop-zone");
zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
zone.addEventListener("dragleave", () => zone.classList.remove("over"));
zone.addEventListener("drop", (event) => {
  event.preventDefault();
  zone.classList.remove("over");
  if (event.dataTransfer.files[0]) publish(event.dataTransfer.files[0]);
});
zone.addEventListener("keydown", (event) => {
  if (event.key === "Enter" || event.key === " ") { event.preventDefault(); $("#file").click(); }
});
window.addEventListener("hashchange", route);

// The token lives for this browser tab only.
$("#token").value = sessionStorage.getItem("mcbt-token") || "";
$("#token").addEventListener("change", () => sessionStorage.setItem("mcbt-token", $("#token").value.trim()));

route();
refreshGroups();
listenToGroups();
setInterval(() => {
  if (live) return;
  refreshGroups();
  const match = location.hash.match(/^#\/torrent\/([0-9a-fA-F]{40})$/);
  if (match) refreshTorrentGroups(match[1].toLowerCase()).catch(() => {});
}, 2000);
