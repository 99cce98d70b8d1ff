// A fixed pattern of tiles in the brand colours: decoration for the landing page.
const PATTERN = ['0123010', '2101320', '1030121', '0212103', '3101020', '1020131'];
const FILLS = ['#d3e7ee', '#76b6cb', '#1a7898', '#e8a33d'];
const TILE = 44;
const GAP = 8;

export function MosaicArt() {
  const columns = PATTERN[0]?.length ?? 0;
  const width = columns * (TILE + GAP) - GAP;
  const height = PATTERN.length * (TILE + GAP) - GAP;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width }}
      aria-hidden="true"
      focusable="false"
    >
      {PATTERN.flatMap((row, y) =>
        [...row].map((cell, x) => (
          <rect
            key={`${x}-${y}`}
            x={x * (TILE + GAP)}
            y={y * (TILE + GAP)}
            width={TILE}
            height={TILE}
            rx={9}
            fill={FILLS[Number(cell)]}
            opacity={(x + y) % 5 === 0 ? 0.55 : 1}
          />
        )),
      )}
    </svg>
  );
}
