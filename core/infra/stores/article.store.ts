// Help articles and their versions. A version is the whole Markdown text; the
// published one (at most one per article) is what users read. Files of the
// article folder are imported as published versions (the office edits the
// folder directly); the desk writes drafts that a supervisor publishes.

import type { KbArticleVersion, PrismaClient } from "../db.ts";
import type { ArticleFile } from "../knowledge/article-files.ts";
import type { Tx } from "./tx.ts";

/** Serialises imports and publishes across processes (PostgreSQL and the embedded database). */
async function lockArticles(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kb_articles'))`;
}

async function nextNumber(tx: Tx, articleId: string): Promise<number> {
  const last = await tx.kbArticleVersion.findFirst({
    where: { articleId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return (last?.number ?? 0) + 1;
}

async function publish(tx: Tx, version: Pick<KbArticleVersion, "id" | "articleId">, at: Date) {
  await tx.kbArticleVersion.updateMany({
    where: { articleId: version.articleId, status: "PUBLISHED", id: { not: version.id } },
    data: { status: "SUPERSEDED" },
  });
  await tx.kbArticleVersion.update({
    where: { id: version.id },
    data: { status: "PUBLISHED", decidedAt: at },
  });
}

/** Imports the files that are new or changed since their last import; returns their ids. */
export async function importArticleFiles(
  prisma: PrismaClient,
  files: readonly ArticleFile[],
  at: Date,
): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    await lockArticles(tx);
    const known = new Map(
      (await tx.kbArticle.findMany({ select: { id: true, fileHash: true } })).map((a) => [
        a.id,
        a.fileHash,
      ]),
    );
    const imported: string[] = [];
    for (const file of files) {
      const id = file.article.id;
      if (known.get(id) === file.hash) continue;
      await tx.kbArticle.upsert({
        where: { id },
        create: { id, fileHash: file.hash },
        update: { fileHash: file.hash },
      });
      const version = await tx.kbArticleVersion.create({
        data: {
          articleId: id,
          number: await nextNumber(tx, id),
          status: "DRAFT",
          source: "FILE",
          markdown: file.markdown,
          note: "berkas / file",
        },
      });
      await publish(tx, version, at);
      imported.push(id);
    }
    return imported;
  });
}

/** The published Markdown of every article. */
export async function publishedMarkdown(prisma: PrismaClient | Tx) {
  return prisma.kbArticleVersion.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { articleId: "asc" },
    select: { articleId: true, number: true, markdown: true },
  });
}

/** Changes whenever a version is published anywhere: other processes rebuild on it. */
export async function articleRevision(prisma: PrismaClient): Promise<string> {
  const latest = await prisma.kbArticleVersion.aggregate({
    where: { status: { in: ["PUBLISHED", "SUPERSEDED"] } },
    _max: { decidedAt: true },
    _count: { _all: true },
  });
  return `${latest._count._all}:${latest._max.decidedAt?.toISOString() ?? "-"}`;
}

export async function saveDraft(
  prisma: PrismaClient,
  input: { articleId: string; markdown: string; authorId: string; fromTicketId?: string },
): Promise<KbArticleVersion> {
  return prisma.$transaction(async (tx) => {
    await lockArticles(tx);
    await tx.kbArticle.upsert({
      where: { id: input.articleId },
      create: { id: input.articleId },
      update: {},
    });
    return tx.kbArticleVersion.create({
      data: {
        articleId: input.articleId,
        number: await nextNumber(tx, input.articleId),
        status: "DRAFT",
        source: "DESK",
        markdown: input.markdown,
        authorId: input.authorId,
        fromTicketId: input.fromTicketId ?? null,
      },
    });
  });
}

export type DecideDraftOutcome =
  | { type: "done"; version: KbArticleVersion }
  /** No draft with that number (a typo, or decided meanwhile). */
  | { type: "notFound" };

/** Publishes or rejects draft `number` of an article. */
export async function decideDraft(
  prisma: PrismaClient,
  input: {
    articleId: string;
    number: number;
    reviewerId: string;
    publish: boolean;
    note?: string;
    at: Date;
  },
): Promise<DecideDraftOutcome> {
  return prisma.$transaction(async (tx) => {
    await lockArticles(tx);
    const draft = await tx.kbArticleVersion.findUnique({
      where: { articleId_number: { articleId: input.articleId, number: input.number } },
    });
    if (draft?.status !== "DRAFT") return { type: "notFound" };
    await tx.kbArticleVersion.update({
      where: { id: draft.id },
      data: { reviewerId: input.reviewerId, note: input.note?.slice(0, 500) ?? draft.note },
    });
    if (input.publish) await publish(tx, draft, input.at);
    else {
      await tx.kbArticleVersion.update({
        where: { id: draft.id },
        data: { status: "REJECTED", decidedAt: input.at },
      });
    }
    const version = await tx.kbArticleVersion.findUniqueOrThrow({ where: { id: draft.id } });
    return { type: "done", version };
  });
}

export async function articleVersions(prisma: PrismaClient, articleId: string) {
  return prisma.kbArticleVersion.findMany({
    where: { articleId },
    orderBy: { number: "desc" },
    take: 20,
  });
}

export async function pendingDrafts(prisma: PrismaClient) {
  return prisma.kbArticleVersion.findMany({
    where: { status: "DRAFT" },
    orderBy: { createdAt: "asc" },
    take: 30,
  });
}
