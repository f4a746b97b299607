// The self-service figures of a month, from kb_events: offers, opens, answers,
// the articles most opened and what was searched without a good match.
import type { CountRow, SelfServiceFigures } from "../documents/monthly-report.model.ts";
import type { PrismaClient } from "../infra/db.ts";
import { parseArticleMarkdown } from "../infra/knowledge/article-markdown.ts";
import { publishedMarkdown } from "../infra/stores/article.store.ts";

const TOP_ARTICLES = 5;
const TOP_TERMS = 10;

export async function selfServiceFigures(
  prisma: PrismaClient,
  period: { start: Date; end: Date },
  ticketsFiled: number,
): Promise<SelfServiceFigures> {
  const at = { gte: period.start, lt: period.end };
  const [byActivity, opens, answers, noMatch, published] = await Promise.all([
    prisma.kbEvent.groupBy({ by: ["activity"], where: { at }, _count: true }),
    prisma.kbEvent.groupBy({
      by: ["articleId"],
      where: { at, activity: "OPENED" },
      _count: true,
    }),
    prisma.kbEvent.groupBy({
      by: ["articleId"],
      where: { at, activity: "RESOLVED" },
      _count: true,
    }),
    prisma.kbEvent.findMany({ where: { at, activity: "NO_MATCH" }, select: { terms: true } }),
    publishedMarkdown(prisma),
  ]);
  const count = (activity: string) => byActivity.find((r) => r.activity === activity)?._count ?? 0;
  const titles = new Map<string, string>();
  for (const row of published) {
    const parsed = parseArticleMarkdown(row.markdown);
    if (parsed.ok) titles.set(row.articleId, parsed.value.title);
  }
  const answeredBy = new Map(answers.map((r) => [r.articleId ?? "", r._count]));
  const mostOpened = opens
    .filter((r) => r.articleId !== null)
    .map((r) => ({
      key: r.articleId ?? "",
      label: titles.get(r.articleId ?? "") ?? r.articleId ?? "",
      count: r._count,
      answered: answeredBy.get(r.articleId ?? "") ?? 0,
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, TOP_ARTICLES);

  const termCounts = new Map<string, number>();
  for (const row of noMatch) {
    for (const term of row.terms) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
  }
  const terms: CountRow[] = [...termCounts]
    .map(([term, n]) => ({ key: term, label: term, count: n }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, TOP_TERMS);

  const answered = count("RESOLVED");
  const base = answered + ticketsFiled;
  return {
    offers: count("OFFERED"),
    opened: count("OPENED"),
    answered,
    notAnswered: count("NOT_RESOLVED"),
    deflectionRate: base === 0 ? null : answered / base,
    mostOpened,
    noMatch: { searches: noMatch.length, terms },
  };
}
