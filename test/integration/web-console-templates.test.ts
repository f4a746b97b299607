// /konsol/templat on real PostgreSQL and Redis: the desk's canned answers in
// desk_templates, seeded once from the file or the shipped ones; supervisors
// add, edit and delete them (CSRF, the file's validation, audited), every
// other role only reads them.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seedTemplatesAtStart } from "../../bot/agent-desk/desk.templates.ts";
import { listDeskTemplates } from "../../core/app/desk-templates.ts";
import { DEFAULT_DESK_TEMPLATES } from "../../core/content/desk-templates.content.ts";
import { createLogger } from "../../core/infra/logger.ts";
import { signedIn } from "../support/console-session.ts";
import { webConsoleFixture } from "../support/web-console.ts";

const logger = createLogger({ level: "silent" }, { write: () => {} });
const f = webConsoleFixture("web-console-templates", logger);

const audits = (action: string) => f.db.prisma.auditLog.findMany({ where: { action } });

/** A browser signed in as `role`, and posts of the page's forms with the page's CSRF token. */
async function templatesAs(role: string) {
  const b = await signedIn(f, role);
  const _csrf = await b.csrf("/konsol/templat");
  const post = (step: "tambah" | "ubah" | "hapus", form: Record<string, string>) =>
    b.post(`/konsol/templat/${step}`, { _csrf, ...form });
  return { b, post };
}

describe("the canned answers' table", () => {
  it("is filled from AGENT_TEMPLATES_FILE when empty, and left alone otherwise", async () => {
    const dir = await mkdtemp(join(tmpdir(), "templat-"));
    const file = join(dir, "templates.json");
    await writeFile(file, JSON.stringify([{ id: "kantor", title: "Kantor", text: "Isi kantor." }]));
    await f.db.prisma.deskTemplate.deleteMany();
    await seedTemplatesAtStart(f.db.prisma, file);
    expect(await listDeskTemplates(f.db.prisma)).toEqual([
      { id: "kantor", title: "Kantor", text: "Isi kantor." },
    ]);
    await seedTemplatesAtStart(f.db.prisma, undefined);
    expect(await listDeskTemplates(f.db.prisma)).toHaveLength(1);
    await f.db.prisma.deskTemplate.deleteMany();
    await seedTemplatesAtStart(f.db.prisma, undefined);
    expect(await listDeskTemplates(f.db.prisma)).toEqual(DEFAULT_DESK_TEMPLATES);
  });
});

describe("/konsol/templat", () => {
  it("lets a supervisor add, edit and delete an answer, each audited", async () => {
    await seedTemplatesAtStart(f.db.prisma, undefined);
    const { b, post } = await templatesAs("supervisor");
    const list = await b.get("/konsol/templat");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Reset password berhasil");
    expect(list.body).toContain('action="/konsol/templat/tambah"');

    const added = await post("tambah", {
      id: "jam-layanan",
      title: "Jam layanan",
      text: "Bapak/Ibu, kantor kami buka Senin-Jumat.",
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe("/konsol/templat?pesan=tambah");
    const all = await listDeskTemplates(f.db.prisma);
    expect(all.at(-1)).toEqual({
      id: "jam-layanan",
      title: "Jam layanan",
      text: "Bapak/Ibu, kantor kami buka Senin-Jumat.",
    });

    const edited = await post("ubah", {
      id: "jam-layanan",
      title: "Jam layanan kantor",
      text: "Bapak/Ibu, kantor kami buka Senin-Jumat, 08.00-16.00 WIB.",
    });
    expect(edited.statusCode).toBe(303);
    expect((await listDeskTemplates(f.db.prisma)).at(-1)?.title).toBe("Jam layanan kantor");
    expect((await b.get("/konsol/templat?pesan=ubah")).body).toContain(
      "Perubahan templat tersimpan.",
    );

    const deleted = await post("hapus", { id: "jam-layanan" });
    expect(deleted.statusCode).toBe(303);
    expect((await listDeskTemplates(f.db.prisma)).map((t) => t.id)).not.toContain("jam-layanan");

    const supervisor = await f.db.prisma.agent.findFirstOrThrow({
      where: { name: "Petugas SUPERVISOR" },
    });
    for (const action of ["template.create", "template.update", "template.delete"]) {
      const [entry] = await audits(action);
      expect(entry?.actorId, action).toBe(supervisor.id);
      expect(entry?.detail, action).toMatchObject({ templateId: "jam-layanan", via: "console" });
    }
  });

  it("refuses what the file's schema refuses, in Bahasa Indonesia, and keeps what was typed", async () => {
    const { post } = await templatesAs("supervisor");
    const before = await listDeskTemplates(f.db.prisma);
    const badId = await post("tambah", { id: "ada spasi", title: "Judul baru", text: "Isi" });
    expect(badId.statusCode).toBe(400);
    expect(badId.body).toContain("Kode: 1-20 huruf, angka atau tanda minus");
    expect(badId.body).toContain('value="Judul baru"');
    const empty = await post("ubah", { id: "aktivasi", title: "Aktivasi", text: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Isi jawaban wajib diisi.");
    const long = await post("tambah", { id: "panjang", title: "x".repeat(61), text: "Isi" });
    expect(long.body).toContain("Judul paling banyak 60 karakter.");
    const twice = await post("tambah", { id: "aktivasi", title: "Lagi", text: "Isi" });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("Kode templat tersebut sudah dipakai.");
    const gone = await post("ubah", { id: "tidak-ada", title: "Judul", text: "Isi" });
    expect(gone.statusCode).toBe(404);
    expect(await listDeskTemplates(f.db.prisma)).toEqual(before);
  });

  it("never deletes the last answer", async () => {
    const { post } = await templatesAs("supervisor");
    const all = await listDeskTemplates(f.db.prisma);
    for (const t of all.slice(1)) {
      expect((await post("hapus", { id: t.id })).statusCode).toBe(303);
    }
    const last = await post("hapus", { id: all[0]?.id ?? "" });
    expect(last.statusCode).toBe(409);
    expect(last.body).toContain("Templat terakhir tidak dapat dihapus");
    expect(await listDeskTemplates(f.db.prisma)).toHaveLength(1);
    await f.db.prisma.deskTemplate.deleteMany();
    await seedTemplatesAtStart(f.db.prisma, undefined);
  });

  it("shows every other role the answers without forms, and refuses their posts", async () => {
    await seedTemplatesAtStart(f.db.prisma, undefined);
    const { b, post } = await templatesAs("helpdesk");
    const list = await b.get("/konsol/templat");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(DEFAULT_DESK_TEMPLATES[0]?.text);
    expect(list.body).not.toContain("/konsol/templat/tambah");
    const refused = await post("hapus", { id: "aktivasi" });
    expect(refused.statusCode).toBe(403);
    expect(await f.db.prisma.deskTemplate.findUnique({ where: { id: "aktivasi" } })).not.toBeNull();
  });

  it("refuses a form without its CSRF token", async () => {
    const b = await signedIn(f, "supervisor");
    await b.get("/konsol/templat");
    const res = await b.post("/konsol/templat/hapus", { id: "aktivasi" });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Formulir kedaluwarsa");
    expect(await f.db.prisma.deskTemplate.findUnique({ where: { id: "aktivasi" } })).not.toBeNull();
  });
});
