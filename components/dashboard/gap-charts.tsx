"use client";
// Charts of the funding-gap dashboard. Values arrive as decimal strings; charts need
// numbers, and whole euros are exact enough for a picture (tables show the cents).
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartLabels = { lost: string; committed: string; disbursed: string };
type Point = { label: string; lost: string; committed: string; disbursed: string };

const COLORS = { lost: "#b91c1c", committed: "#1d4ed8", disbursed: "#15803d" };
const euros = (s: string) => Math.round(Number(s));

function toSeries(points: Point[]) {
  return points.map((p) => ({ label: p.label, lost: euros(p.lost), committed: euros(p.committed), disbursed: euros(p.disbursed) }));
}

// Each chart names the table that holds its figures (WCAG 1.1.1: a text alternative for a picture of data).
type ChartProps = { points: Point[]; labels: ChartLabels; title: string; tableId: string };

export function GapBars({ points, labels, title, tableId }: ChartProps) {
  return (
    <figure aria-label={title} aria-describedby={tableId} className="h-80 w-full" data-testid="chart-sector">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={toSeries(points)} margin={{ top: 8, right: 16, bottom: 64, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" angle={-30} textAnchor="end" interval={0} height={80} tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend verticalAlign="top" />
          <Bar dataKey="lost" name={labels.lost} fill={COLORS.lost} />
          <Bar dataKey="committed" name={labels.committed} fill={COLORS.committed} />
          <Bar dataKey="disbursed" name={labels.disbursed} fill={COLORS.disbursed} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function GapLine({ points, labels, title, tableId }: ChartProps) {
  return (
    <figure aria-label={title} aria-describedby={tableId} className="h-72 w-full" data-testid="chart-years">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={toSeries(points)} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend verticalAlign="top" />
          <Line type="monotone" dataKey="lost" name={labels.lost} stroke={COLORS.lost} strokeWidth={2} />
          <Line type="monotone" dataKey="committed" name={labels.committed} stroke={COLORS.committed} strokeWidth={2} />
          <Line type="monotone" dataKey="disbursed" name={labels.disbursed} stroke={COLORS.disbursed} strokeWidth={2} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
