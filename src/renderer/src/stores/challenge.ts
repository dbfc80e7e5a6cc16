// The classroom challenge the learner is working on (src/shared/challenge): its goal measured live
// from the training store, which controls it locks or hides, the hints shown so far, and the
// verdict once the goal is reached. "Solved" is never decided from the live figures alone: the run
// is paused and its weights are measured again exactly as `nn-lab check` measures them.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { parameterCount } from '@shared/engine/spec'
// The first screen loads only the light parts; reading, writing and checking a challenge (zod and
// the engine's training run) load on first use.
import {
  CHALLENGE_EXTENSION,
  CHALLENGE_FORMAT,
  CHALLENGE_VERSION,
  looksLikeChallenge
} from '@shared/challenge/constants'
import { CHALLENGE_CONTROLS, LOCKED_TITLE, type ChallengeControl } from '@shared/challenge/controls'
import {
  fixedControls,
  goalChecks,
  hiddenNeuronCount,
  type ChallengeVerdict,
  type RunFigures
} from '@shared/challenge/goal'
import type { Challenge, ChallengeGoal } from '@shared/challenge/schema'
const challengeFiles = () => import('@shared/challenge')
// The shipped challenges' definitions load on first use (the menu's first opening, a session
// that names one), not with the first screen.
const shippedChallenges = () => import('@shared/challenge/shipped')
import type { MenuCommand, OpenedFile } from '@shared/protocol/labApi'
import { useNetworkStore } from './network'
import { useSessionStore } from './session'
import { useTrainingStore } from './training'

/** The menu commands of the Challenges menu (desktop menu and the lab's Challenges button). */
export const START_CHALLENGE_PREFIX = 'start-challenge:'

export function isChallengeCommand(command: MenuCommand): boolean {
  return (
    command === 'open-challenge' ||
    command === 'make-challenge' ||
    command.startsWith(START_CHALLENGE_PREFIX)
  )
}

/** What the teacher fills in; the starting settings are the lab's current ones. */
export interface ChallengeDraft {
  title: string
  instructions: string
  goal: ChallengeGoal
  locked: ChallengeControl[]
  hidden: ChallengeControl[]
  hints: string[]
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function newChallengeId(): string {
  const random = globalThis.crypto?.randomUUID?.()
  return random ?? `challenge-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

export const useChallengeStore = defineStore('challenge', () => {
  const training = useTrainingStore()
  const network = useNetworkStore()
  const session = useSessionStore()

  const shipped = shallowRef<readonly Challenge[]>([])
  const active = shallowRef<Challenge | null>(null)
  const hintsShown = ref(0)
  /** The measured verdict once the goal was reached (Solved), or a near miss (not passed). */
  const verdict = shallowRef<ChallengeVerdict | null>(null)
  const checking = ref(false)
  /** The Make challenge dialog is open. */
  const authoring = ref(false)

  const fixed = computed(() => (active.value ? fixedControls(active.value) : []))
  const solved = computed(() => verdict.value?.passed === true)

  function isLocked(control: ChallengeControl): boolean {
    return fixed.value.includes(control)
  }
  function isHidden(control: ChallengeControl): boolean {
    return active.value?.hidden.includes(control) ?? false
  }
  /** The title a locked control shows instead of its own. */
  function lockReason(control: ChallengeControl): string {
    const { label, doc } = CHALLENGE_CONTROLS[control]
    return `${LOCKED_TITLE}: ${label.toLowerCase()} (${doc}) stays as “${active.value?.title ?? ''}” sets it.`
  }

  /** The goal's figures as the trainer last reported them. */
  const liveFigures = computed<RunFigures>(() => {
    const latest = training.latest
    const current = training.currentStats
    return {
      trainAccuracy: current?.accuracy ?? latest?.accuracy ?? NaN,
      // NaN until the first epoch is measured; null only when the run has no test points.
      testAccuracy:
        latest?.testAccuracy ?? (training.runConfig.dataset.testFraction > 0 ? NaN : null),
      loss: current?.loss ?? latest?.loss ?? NaN,
      parameters: parameterCount(network.spec),
      hiddenNeurons: hiddenNeuronCount(training.runConfig),
      epochs: training.epoch
    }
  })
  const liveChecks = computed(() =>
    active.value ? goalChecks(active.value.goal, liveFigures.value) : []
  )
  const liveMet = computed(
    () => active.value !== null && training.epoch > 0 && liveChecks.value.every((c) => c.met)
  )
  /** The epoch budget is spent without a solution: only a reset helps. */
  const outOfEpochs = computed(() => {
    const budget = active.value?.goal.maxEpochs
    return budget !== undefined && training.epoch >= budget && !solved.value
  })

  /** Pauses and measures the weights again (as `nn-lab check` does). */
  async function checkNow(): Promise<void> {
    const challenge = active.value
    if (!challenge || checking.value) return
    checking.value = true
    try {
      if (training.running) training.pause()
      const snapshot = await session.requestSnapshot()
      if (active.value !== challenge) return
      const { checkRun } = await challengeFiles()
      verdict.value = checkRun(challenge, snapshot, null)
    } catch (error) {
      session.showError('Could not check the run', errorText(error))
    } finally {
      checking.value = false
    }
  }

  watch(liveMet, (met) => {
    if (met && !solved.value) void checkNow()
  })
  // A reset or a rebuilt run starts the attempt over.
  watch(
    () => training.epoch,
    (epoch, before) => {
      if (epoch < before) verdict.value = null
    }
  )
  // A session that records a shipped challenge brings it back; a new session leaves it.
  watch(
    () => session.challenge?.id,
    (id) => {
      if (id === active.value?.id) return
      active.value = null
      hintsShown.value = 0
      verdict.value = null
      if (!id) return
      void loadShipped().then((list) => {
        if (session.challenge?.id === id && !active.value)
          active.value = list.find((c) => c.id === id) ?? null
      })
    }
  )

  /** Starts a challenge: a new unsaved session from its settings (asks about unsaved changes). */
  async function start(challenge: Challenge, options: { asked?: boolean } = {}): Promise<boolean> {
    const previous = active.value
    return session.startChallengeSession(
      { id: challenge.id, title: challenge.title },
      async () => {
        try {
          active.value = challenge
          hintsShown.value = 0
          verdict.value = null
          await training.replaceRun(structuredClone(challenge.start))
        } catch (error) {
          active.value = previous
          throw error
        }
      },
      options
    )
  }

  /** The shipped challenges (loaded once; `shipped` holds them from then on). */
  async function loadShipped(): Promise<readonly Challenge[]> {
    if (shipped.value.length === 0) shipped.value = (await shippedChallenges()).SHIPPED_CHALLENGES
    return shipped.value
  }

  async function startShipped(id: string): Promise<boolean> {
    const challenge = (await loadShipped()).find((c) => c.id === id)
    return challenge ? start(challenge) : false
  }

  async function openFile(file: OpenedFile, options: { asked?: boolean } = {}): Promise<boolean> {
    const { parseChallenge } = await challengeFiles()
    const parsed = parseChallenge(file.text)
    if (!parsed.ok) {
      session.showError(`Could not open “${file.name}”`, parsed.message)
      return false
    }
    return start(parsed.challenge, options)
  }

  /** The Open dialog; a session picked there opens as a session. */
  async function openFromDialog(): Promise<void> {
    const result = await window.lab.openSession()
    if (!result.ok) {
      session.showError('Could not open the challenge', result.message)
      return
    }
    const file = result.value
    if (!file) return
    if (
      file.name.toLowerCase().endsWith(`.${CHALLENGE_EXTENSION}`) ||
      looksLikeChallenge(file.text)
    )
      await openFile(file)
    else await session.openAnyFile(file)
  }

  /** Back to the free lab: the session no longer answers the challenge. */
  function leave(): void {
    active.value = null
    verdict.value = null
    hintsShown.value = 0
    session.challenge = null
    session.markDirty()
  }

  function showHint(): void {
    const total = active.value?.hints.length ?? 0
    if (hintsShown.value < total) hintsShown.value++
  }

  /** Save As…: the result session records the challenge it answers. */
  function saveResult(): Promise<boolean> {
    return session.saveAs()
  }

  /** A challenge from the teacher's draft, starting from the lab's current settings. */
  function challengeFromDraft(draft: ChallengeDraft): Challenge {
    const start = structuredClone(training.runConfig)
    if (draft.goal.maxEpochs !== undefined) start.training.epochLimit = draft.goal.maxEpochs
    return {
      format: CHALLENGE_FORMAT,
      version: CHALLENGE_VERSION,
      id: newChallengeId(),
      title: draft.title.trim(),
      instructions: draft.instructions,
      goal: { ...draft.goal },
      locked: [...draft.locked],
      hidden: [...draft.hidden],
      start,
      hints: draft.hints.map((h) => h.trim()).filter((h) => h !== '')
    }
  }

  /** Saves the challenge file with a Save dialog (a download in the browser). */
  async function saveChallengeFile(challenge: Challenge): Promise<boolean> {
    const heading = 'Could not save the challenge'
    let text: string
    try {
      const { serializeChallenge } = await challengeFiles()
      text = serializeChallenge(challenge)
    } catch (error) {
      session.showError(heading, errorText(error))
      return false
    }
    const slug = challenge.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'challenge'
    const result = await window.lab.exportFile({
      suggestedName: `${slug}.${CHALLENGE_EXTENSION}`,
      filters: [{ name: 'NN Lab challenge', extensions: [CHALLENGE_EXTENSION] }],
      data: text
    })
    if (!result.ok) {
      session.showError(heading, result.message)
      return false
    }
    return result.value !== null
  }

  function onMenuCommand(command: MenuCommand): void {
    if (command === 'open-challenge') void openFromDialog()
    else if (command === 'make-challenge') authoring.value = true
    else if (command.startsWith(START_CHALLENGE_PREFIX)) {
      void startShipped(command.slice(START_CHALLENGE_PREFIX.length))
    }
  }

  return {
    shipped,
    loadShipped,
    active,
    hintsShown,
    verdict,
    checking,
    authoring,
    solved,
    liveFigures,
    liveChecks,
    liveMet,
    outOfEpochs,
    isLocked,
    isHidden,
    lockReason,
    checkNow,
    start,
    startShipped,
    openFile,
    openFromDialog,
    leave,
    showHint,
    saveResult,
    challengeFromDraft,
    saveChallengeFile,
    onMenuCommand
  }
})
