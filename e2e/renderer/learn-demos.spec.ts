// The Learn panel: the guided steps (with the activation plots of Step 1), the key-takeaways
// table, and every interview question's live demonstration, including loading a demonstration
// into the lab and training it there.
import { expect, ids, test, type LabPage } from './fixtures'

async function openQuestions(lab: LabPage): Promise<void> {
  await lab.byId('learn-toggle').click()
  await expect(lab.byId('learn-panel')).toBeVisible()
  await lab.byId('learn-tab-questions').click()
}

async function runDemo(lab: LabPage, id: string): Promise<void> {
  const question = lab.byId(`learn-question-${id}`)
  await question.getByRole('button').first().click()
  await lab.byId(`learn-demo-${id}`).click()
  await expect(lab.byId(`learn-demo-result-${id}`)).toHaveAttribute('data-status', 'done', {
    timeout: 60_000
  })
}

test('steps walk through the notebook; Step 1 draws the activation plots', async ({ lab }) => {
  await lab.open()
  await lab.byId('learn-toggle').click()
  const panel = lab.byId('learn-panel')
  await expect(panel).toBeVisible()
  for (const step of ['setup', 'activations', 'data', 'network', 'forward', 'loss', 'backprop']) {
    await expect(lab.byId(`learn-step-${step}`)).toBeVisible()
  }
  await lab.byId('learn-step-activations').getByRole('button').first().click()
  const plots = panel.getByTestId('activation-plots')
  await expect(plots).toBeVisible()
  for (const name of ['sigmoid', 'relu', 'tanh', 'leaky-relu']) {
    const canvas = plots.getByTestId(`activation-${name}`).locator('canvas')
    await expect
      .poll(() =>
        canvas.evaluate((element) => {
          const c = element as HTMLCanvasElement
          const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
          let ink = 0
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++
          return ink
        })
      )
      .toBeGreaterThan(500)
  }
  await lab.screenshot('learn-steps-activations')

  // "Show me in the lab" closes the drawer and points at the panel.
  await lab.byId('learn-step-data').getByRole('button').first().click()
  await lab.byId('learn-show-data').click()
  await expect(panel).toHaveCount(0)

  await lab.byId('learn-toggle').click()
  await lab.byId('learn-tab-takeaways').click()
  const table = lab.byId('learn-takeaways')
  await expect(table.locator('tbody tr')).toHaveCount(6)
  await expect(table).toContainText('He initialisation')
  await expect(table).toContainText('too high = diverge')
})

test('every interview question’s demonstration runs', async ({ lab }) => {
  test.setTimeout(240_000)
  await lab.open()
  await openQuestions(lab)

  await runDemo(lab, 'from-scratch')
  const log = lab.byId('learn-demo-log')
  await expect(log).toContainText('Network: 2, 16, 8, 1')
  await expect(log).toContainText('Total parameters: 193')
  await expect(log).toContainText('Epoch 2000 | Loss: ')
  await expect(log).toContainText('🎯 Final Accuracy: 100.00%')

  await runDemo(lab, 'backprop')
  const backprop = lab.byId('learn-demo-result-backprop')
  await expect(backprop.getByTestId('learn-findings').locator('li')).toHaveCount(5)
  await expect(backprop).toContainText('Layer 3 (8×1)')
  await expect(backprop).not.toContainText('✗')

  await runDemo(lab, 'relu-vs-sigmoid')
  await expect(lab.byId('learn-demo-result-relu-vs-sigmoid')).toContainText(
    'After 2000 epochs with the same seed'
  )

  await runDemo(lab, 'vanishing-gradient')
  await expect(lab.byId('learn-demo-result-vanishing-gradient')).toContainText('times smaller')

  await runDemo(lab, 'he-vs-xavier')
  await expect(lab.byId('learn-demo-result-he-vs-xavier')).toContainText('with Xavier')
  await lab.screenshot('learn-he-vs-xavier')
  lab.expectNoErrors()
})

test('a demonstration trains in the lab: the sigmoid run starts, backprop steps one epoch', async ({
  lab
}) => {
  test.setTimeout(120_000)
  await lab.open()
  await openQuestions(lab)
  await runDemo(lab, 'relu-vs-sigmoid')
  await lab
    .byId('learn-demo-result-relu-vs-sigmoid')
    .getByText('Train the sigmoid run in the lab')
    .click()
  await expect(lab.byId('learn-panel')).toHaveCount(0)
  await expect(lab.byId('layer-0-activation')).toHaveValue('sigmoid')
  await expect(lab.byId('layer-1-activation')).toHaveValue('sigmoid')
  await lab.waitForEpochAbove(10)
  await lab.screenshot('learn-sigmoid-in-lab')
  // No pause here: the demonstration's 2000 epochs can be over before a click lands (a fast
  // machine trains them in well under a second), and loading the next demonstration pauses a
  // run that is still going by itself before it asks to discard the weights.

  await openQuestions(lab)
  await runDemo(lab, 'backprop')
  await lab.byId('learn-demo-result-backprop').getByText('Step one epoch in the lab').click()
  // Trained weights are about to be replaced: the lab asks first.
  await expect(lab.byId('confirm-dialog')).toBeVisible()
  await lab.byId('confirm-accept').click()
  await expect.poll(() => lab.epoch()).toBe(1)
  await expect(lab.byId('layer-0-activation')).toHaveValue('relu')
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')

  // Back in Learn, the lab's own trainer reports the gradients of that step: the very numbers
  // the demonstration computed for the first epoch.
  await lab.byId('learn-toggle').click()
  const labGradients = lab.byId('learn-lab-gradients')
  await expect(labGradients).toContainText('after epoch 1')
  const findings = await lab
    .byId('learn-demo-result-backprop')
    .getByTestId('learn-findings')
    .innerText()
  for (let layer = 0; layer < 3; layer++) {
    const expected = new RegExp(`Layer ${layer + 1} \\([^)]*\\): ‖dL/dW‖ = ([\\d.]+)`).exec(
      findings
    )?.[1]
    expect(expected).toBeTruthy()
    await expect(lab.byId(`learn-lab-gradient-${layer}`).locator('td').first()).toHaveText(
      expected!
    )
  }
  await lab.screenshot('learn-backprop-lab-gradients')
})
