// Precision / recall / F1 of a scorer on labelled pairs, shared by bench/screening-quality.ts
// and the regression floor in the unit tests. Pure: the caller reads the CSV.

export interface LabelledPair {
  name1: string;
  name2: string;
  kind: "person" | "organisation";
  match: boolean;
  category: string;
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Metrics extends Confusion {
  precision: number;
  recall: number;
  f1: number;
}

export function metrics(c: Confusion): Metrics {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

export function confusion(scores: number[], labels: boolean[], threshold: number): Confusion {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    if (labels[i] && predicted) c.tp++;
    else if (labels[i]) c.fn++;
    else if (predicted) c.fp++;
    else c.tn++;
  });
  return c;
}

/** The threshold (one of the scores) with the highest F1; ties go to the higher threshold. */
export function bestThreshold(scores: number[], labels: boolean[]): { threshold: number; metrics: Metrics } {
  let best = { threshold: 1, metrics: metrics(confusion(scores, labels, 1)) };
  for (const t of [...new Set(scores)].sort((a, b) => b - a)) {
    const m = metrics(confusion(scores, labels, t));
    if (m.f1 > best.metrics.f1) best = { threshold: t, metrics: m };
  }
  return best;
}

export function parseLabelled(rows: Record<string, string>[]): LabelledPair[] {
  return rows.map((r, i) => {
    if (r.kind !== "person" && r.kind !== "organisation") throw new Error(`row ${i + 2}: bad kind ${r.kind}`);
    if (r.match !== "true" && r.match !== "false") throw new Error(`row ${i + 2}: match must be true or false`);
    return { name1: r.name1 ?? "", name2: r.name2 ?? "", kind: r.kind, match: r.match === "true", category: r.category ?? "" };
  });
}
