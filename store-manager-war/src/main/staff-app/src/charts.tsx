// The reports as charts (manager): highest spenders, best sellers, the stock overview. chart.js draws each
// one; a table with the same numbers sits beside it (screen readers, keyboard users, exact values).
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { chartRows, money, type ChartRow } from "./logic";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

interface Spender {
  user_id: number;
  total_spent: number;
}
interface BestSeller {
  product_id: number;
  name: string;
  quantity_sold: number;
}
interface StockLine {
  product_id: number;
  name: string;
  quantity: number;
}

function BarChart({ id, title, rows, unit, what }: { id: string; title: string; rows: ChartRow[]; unit: string; what: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: rows.map((r) => r.label),
        datasets: [{ label: unit, data: rows.map((r) => r.value), backgroundColor: "#2f6db5" }],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, indexAxis: "y" },
    });
    return () => chart.destroy();
  }, [rows]);
  return (
    <figure class="report" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <div class="report-body">
        <div class="chart" style={{ height: `${Math.max(120, rows.length * 28 + 60)}px` }}>
          <canvas
            id={`${id}-chart`}
            ref={canvas}
            role="img"
            aria-label={`${title}: bar chart, the same numbers as the table beside it`}
            data-labels={JSON.stringify(rows.map((r) => r.label))}
            data-values={JSON.stringify(rows.map((r) => r.value))}
          />
        </div>
        <table id={`${id}-table`}>
          <thead>
            <tr>
              <th scope="col">{what}</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={2}>No completed orders yet.</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.label} data-row>
                <th scope="row">{r.label}</th>
                <td class="num">{unit === "amount spent" ? money(r.value) : r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export function Charts({ token }: { token: string }) {
  const [data, setData] = useState<{ spenders: ChartRow[]; sellers: ChartRow[]; stock: ChartRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function load() {
    try {
      const [spenders, sellers, stock] = await Promise.all([
        api<Spender[]>(token, "GET", "/store-api/orders/reports/highest-spenders?limit=10"),
        api<BestSeller[]>(token, "GET", "/store-api/orders/reports/best-sellers?limit=10"),
        api<StockLine[]>(token, "GET", "/store-api/stocks/reports/overview-stocks"),
      ]);
      setData(chartRows(spenders.data, sellers.data, stock.data));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }
  useEffect(() => {
    load();
  }, []);
  return (
    <section id="reports" aria-labelledby="reports-title" data-loaded={data ? "true" : "false"}>
      <h2 id="reports-title">Reports</h2>
      <button type="button" onClick={load}>
        Refresh the reports
      </button>
      {error && (
        <p class="notice error" role="alert">
          Error: {error}
        </p>
      )}
      {data && (
        <div class="reports">
          <BarChart id="spenders" title="Highest spenders (completed orders)" rows={data.spenders} unit="amount spent" what="customer" />
          <BarChart id="sellers" title="Best sellers (units sold, completed orders)" rows={data.sellers} unit="units sold" what="product" />
          <BarChart id="stock" title="Stock overview: the 15 lowest stock levels" rows={data.stock} unit="units in stock" what="product" />
        </div>
      )}
    </section>
  );
}
