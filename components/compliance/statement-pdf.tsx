import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { EarningsFigures } from "@/lib/compliance/income-statement";
import type { PublishedStatement } from "@/lib/compliance/published";
import { formatBps, formatDateTime, formatMoney, formatNumber } from "@/lib/format";
import { statementRangeLabel } from "./income-statement-view";

// The printable statement: the same figures as the page, laid out by a PDF
// renderer on the server (real text, selectable and searchable, not an image).

const styles = StyleSheet.create({
  page: { padding: 36, fontSize: 9, fontFamily: "Helvetica", color: "#0f172a", lineHeight: 1.35 },
  company: { fontSize: 9, color: "#047857", textTransform: "uppercase" },
  title: { fontSize: 18, fontFamily: "Helvetica-Bold", marginTop: 4 },
  lead: { marginTop: 6 },
  headline: { marginTop: 12, fontSize: 12 },
  heading: { fontSize: 12, fontFamily: "Helvetica-Bold", marginTop: 16, marginBottom: 4 },
  caption: { color: "#475569", marginBottom: 4 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#cbd5e1", paddingVertical: 3 },
  head: { fontFamily: "Helvetica-Bold", backgroundColor: "#f1f5f9" },
  name: { flexGrow: 1.4, flexBasis: 0 },
  cell: { flexGrow: 1, flexBasis: 0, textAlign: "right", paddingLeft: 2, fontSize: 8 },
  item: { marginTop: 4 },
  foot: { marginTop: 14, color: "#475569", fontSize: 8 },
});

function Table({ header, rows }: { header: string[]; rows: string[][] }) {
  return (
    <View>
      <View style={[styles.row, styles.head]} fixed>
        {header.map((h, i) => (
          <Text key={h} style={i === 0 ? styles.name : styles.cell}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r[0]} style={styles.row} wrap={false}>
          {r.map((c, i) => (
            <Text key={`${r[0]}-${header[i]}`} style={i === 0 ? styles.name : styles.cell}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function StatementDocument({ published, companyName, timeZone }: { published: PublishedStatement; companyName: string; timeZone: string }) {
  const s = published.statement;
  const money = (cents: number) => formatMoney(cents, s.currency);
  const groups: [string, EarningsFigures][] = [["Everyone", s.everyone], ...s.byRank.map((g): [string, EarningsFigures] => [g.name, g])];
  const e = s.everyone;
  return (
    <Document title={`Income disclosure statement, ${statementRangeLabel(s)}`} author={companyName} subject="What do distributors really earn?">
      <Page size="A4" style={styles.page}>
        <Text style={styles.company}>{companyName}</Text>
        <Text style={styles.title}>Income disclosure statement: {statementRangeLabel(s)}</Text>
        <Text style={styles.lead}>
          Generated from the company&apos;s commission ledger on {formatDateTime(published.generatedAt, timeZone)}. Statement #{published.id}.
        </Text>
        <Text style={styles.headline}>
          {formatBps(e.zeroBps)} of the {formatNumber(e.count)} distributors enrolled earned nothing. Half earned {money(e.medianCents)} or less; the mean was{" "}
          {money(e.meanCents)}. {formatBps(e.belowPurchasesBps)} earned less than their own purchases cost.
        </Text>
        <Text style={styles.heading}>Earnings by highest rank reached</Text>
        <Text style={styles.caption}>Commissions earned over the range, per person, clawbacks of refunds taken off.</Text>
        <Table
          header={["Rank", "People", "Share", "Earned nothing", "Median", "Mean", "10th pct", "90th pct", "Top 1% from", "Total paid"]}
          rows={groups.map(([name, f]) => [
            name,
            formatNumber(f.count),
            formatBps(f.shareBps),
            formatBps(f.zeroBps),
            money(f.medianCents),
            money(f.meanCents),
            money(f.p10Cents),
            money(f.p90Cents),
            money(f.top1Cents),
            money(f.totalCents),
          ])}
        />
        <Text style={styles.heading}>Earnings after their own purchases</Text>
        <Text style={styles.caption}>
          Own orders over the same time, and what was left of earnings after them. Other costs are not known and not taken off.
        </Text>
        <Table
          header={["Rank", "Own purchases", "Median after", "Mean after", "Below purchases", "Active after 12 months"]}
          rows={groups.map(([name, f]) => [
            name,
            money(f.purchasesCents),
            money(f.medianNetCents),
            money(f.meanNetCents),
            formatBps(f.belowPurchasesBps),
            f.retainedBps === null ? "-" : formatBps(f.retainedBps),
          ])}
        />
        <Text style={styles.heading}>How these figures were computed</Text>
        {s.methodology.map((p) => (
          <Text key={p} style={styles.item}>
            - {p}
          </Text>
        ))}
        <Text style={styles.foot}>SHA-256 of the statement&apos;s inputs: {published.inputsSha256}</Text>
      </Page>
    </Document>
  );
}

/** The published statement as a PDF file. */
export function renderStatementPdf(published: PublishedStatement, company: { name: string; timeZone: string }): Promise<Buffer> {
  return renderToBuffer(<StatementDocument published={published} companyName={company.name} timeZone={company.timeZone} />);
}
