// The console's live updates (docs/console.md, "Live updates"), served as
// /konsol/aset/langsung.js. A page that wants them says so on <main>:
// data-langsung (the event stream), data-mode ("tiket": the ticket page,
// "daftar": the list) and data-sumber (the page to fetch again; default: the
// page's own address). An event carries no content: on one, the page is
// fetched again with the agent's session, so its access rules apply, and
// its live parts are swapped in. The refetch says it is one
// (x-konsol-langsung: 1): the ticket page then spares its history.view audit
// row while a recent one exists. Each event has an id; the browser sends the
// last one when it reconnects, and a stream that cannot tell what was missed
// sends "muat-ulang" (every live part is fetched again, typing kept).
// Without this script the pages work as before.
(() => {
  const main = document.querySelector("main[data-langsung]");
  if (!main || !("EventSource" in window) || !("fetch" in window)) return;
  const mode = main.dataset.mode;
  const source = main.dataset.sumber || location.href;
  // The ticket page's parts; the step forms only while nobody is typing in them.
  const PARTS =
    mode === "tiket" ? ["bagian-kartu", "bagian-lampiran", "bagian-riwayat"] : ["daftar-tiket"];
  const FORMS = "bagian-tindakan";
  let busy = false;
  let again = false;

  function notice(text, reload) {
    let box = document.getElementById("langsung-info");
    if (!box) {
      box = document.createElement("p");
      box.id = "langsung-info";
      box.setAttribute("role", "status");
      box.style.cssText = "background:#e8f0fe;padding:.5em";
      main.insertBefore(box, main.children[1] || null);
    }
    box.textContent = `${text} `;
    if (reload) {
      const link = document.createElement("a");
      link.href = location.href;
      link.textContent = "Muat ulang";
      box.appendChild(link);
    }
  }

  function typing(section) {
    if (!section) return false;
    if (section.contains(document.activeElement)) return true;
    return [...section.querySelectorAll("textarea")].some((t) => t.value.trim() !== "");
  }

  function swap(fresh, id) {
    const now = document.getElementById(id);
    const next = fresh.getElementById(id);
    if (now && next) now.replaceWith(document.importNode(next, true));
    return Boolean(now && next);
  }

  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const res = await fetch(source, {
        credentials: "same-origin",
        headers: { accept: "text/html", "x-konsol-langsung": "1" },
      });
      if (!res.ok || res.redirected) {
        notice("Ada perubahan — silakan muat ulang halaman.", true);
        return;
      }
      const fresh = new DOMParser().parseFromString(await res.text(), "text/html");
      const swapped = PARTS.every((id) => swap(fresh, id));
      let formsKept = false;
      if (mode === "tiket") {
        if (typing(document.getElementById(FORMS))) formsKept = true;
        else swap(fresh, FORMS);
      }
      if (!swapped) notice("Ada perubahan — silakan muat ulang halaman.", true);
      else if (formsKept) notice("Tiket diperbarui. Tombol tindakan mungkin sudah berubah —", true);
      else notice("Diperbarui otomatis.", false);
    } catch {
      notice("Ada perubahan — silakan muat ulang halaman.", true);
    } finally {
      busy = false;
      if (again) {
        again = false;
        setTimeout(refresh, 1000);
      }
    }
  }

  const stream = new EventSource(main.dataset.langsung);
  stream.addEventListener("perubahan", () => {
    refresh();
  });
  // Changes were missed (a restart, a long drop): the fetch shows them all.
  stream.addEventListener("muat-ulang", () => {
    refresh();
  });
  stream.addEventListener("keluar", () => {
    stream.close();
    notice(
      "Sesi Bapak/Ibu sudah berakhir; pembaruan langsung berhenti. Silakan muat ulang untuk masuk kembali.",
      true,
    );
  });
})();
