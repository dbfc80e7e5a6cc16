// The boundary map's points for a regression run: one train and one test dataset whose points
// are coloured by their target on the map's value scale (colormap.valueColor), so a point that
// the model fits well disappears into the map around it.
import type { ChartDataset, ScatterDataPoint } from 'chart.js'
import type { Dataset } from '@shared/engine/types'
import { valueColorCss } from './colormap'

interface ValuePoints {
  data: ScatterDataPoint[]
  colors: string[]
}

function valuePointsOf(data: Dataset | null, limit: number): ValuePoints {
  const points: ValuePoints = { data: [], colors: [] }
  if (!data?.targets) return points
  for (let i = 0; i < data.count; i++) {
    points.data.push({ x: data.x[2 * i], y: data.x[2 * i + 1] })
    points.colors.push(valueColorCss(data.targets[i], limit))
  }
  return points
}

/** Train points filled with their target's colour (a dark rim: a target near 0 is near white),
 *  test points as rings of it on the panel's surface colour. */
export function regressionPointDatasets(
  train: Dataset | null,
  test: Dataset | null,
  limit: number,
  surface: string
): ChartDataset<'scatter'>[] {
  const trainPoints = valuePointsOf(train, limit)
  const sets: ChartDataset<'scatter'>[] = [
    {
      label: 'Target',
      data: trainPoints.data,
      backgroundColor: trainPoints.colors,
      borderColor: 'rgba(0, 0, 0, 0.5)',
      borderWidth: 0.8,
      pointRadius: 3.4,
      pointHoverRadius: 5
    }
  ]
  if (test) {
    const testPoints = valuePointsOf(test, limit)
    sets.push({
      label: 'Target (test)',
      data: testPoints.data,
      backgroundColor: surface,
      borderColor: testPoints.colors,
      borderWidth: 2,
      pointRadius: 3.6,
      pointHoverRadius: 5.5
    })
  }
  return sets
}
