// The axis drawn under the Timeline column's header: tick marks and day (or hour) labels on the
// same scale as every row's timeline cell.
import { axisTicks, type TimeScale } from './timeline-scale';

const HEIGHT = 16;

export function TimelineAxis({ scale }: { scale: TimeScale }) {
  const ticks = axisTicks(scale);
  return (
    <svg width="100%" height={HEIGHT} aria-hidden="true" focusable="false" className="block overflow-visible">
      {ticks.map((tick) => (
        <g key={tick.fraction}>
          <line
            x1={`${tick.fraction * 100}%`}
            x2={`${tick.fraction * 100}%`}
            y1={tick.label ? 2 : 9}
            y2={HEIGHT}
            stroke="var(--border-strong)"
            strokeWidth={1}
          />
          {tick.label && tick.fraction < 0.94 && (
            <text
              x={`${tick.fraction * 100}%`}
              dx={3}
              y={10}
              fill="var(--fg-muted)"
              fontSize={10.5}
              className="tabular-nums"
            >
              {tick.label}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
