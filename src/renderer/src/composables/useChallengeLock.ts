// The one mechanism by which a challenge locks or hides the lab's controls. Panels mark each
// control (or a group's container) with `v-challenge-lock="'learningRate'"`; while a challenge
// fixes that control, every input, select and button inside is disabled, carries the title
// "Locked by the challenge: …" and its field shows a lock; a hidden control is not shown at all.
// useChallengeLock() gives the same answers to code: locked(control), hidden(control), reason(control).
import { watchEffect, type Directive, type WatchStopHandle } from 'vue'
import type { ChallengeControl } from '@shared/challenge/controls'
import { useChallengeStore } from '@renderer/stores/challenge'

export function useChallengeLock() {
  const challenge = useChallengeStore()
  return {
    locked: (control: ChallengeControl): boolean => challenge.isLocked(control),
    hidden: (control: ChallengeControl): boolean => challenge.isHidden(control),
    reason: (control: ChallengeControl): string => challenge.lockReason(control)
  }
}

const CONTROLS = 'input, select, textarea, button'
/** The class a locked control's field gets (styled in ChallengeBar.vue, loaded with the challenge). */
export const LOCKED_CLASS = 'challenge-locked'

interface LockedControl extends HTMLElement {
  disabled: boolean
}

function controlsOf(el: HTMLElement): LockedControl[] {
  const own = el.matches(CONTROLS) ? [el] : []
  return [...own, ...el.querySelectorAll<HTMLElement>(CONTROLS)] as LockedControl[]
}

function apply(el: HTMLElement, control: ChallengeControl): void {
  const lock = useChallengeLock()
  const locked = lock.locked(control)
  const hidden = lock.hidden(control)
  el.style.display = hidden ? 'none' : ''
  el.classList.toggle(LOCKED_CLASS, locked)
  for (const target of controlsOf(el)) {
    const data = target.dataset
    if (locked) {
      if (data.challengeLocked === undefined) {
        // Remember what the panel had set, to give it back when the challenge ends.
        data.challengeLocked = target.disabled ? 'was-disabled' : ''
        data.unlockedTitle = target.getAttribute('title') ?? ''
      }
      target.disabled = true
      target.title = lock.reason(control)
    } else if (data.challengeLocked !== undefined) {
      target.disabled = data.challengeLocked === 'was-disabled'
      target.title = data.unlockedTitle ?? ''
      delete data.challengeLocked
      delete data.unlockedTitle
    }
  }
}

const stops = new WeakMap<HTMLElement, WatchStopHandle>()

export const vChallengeLock: Directive<HTMLElement, ChallengeControl> = {
  mounted(el, binding) {
    stops.set(
      el,
      watchEffect(() => apply(el, binding.value), { flush: 'post' })
    )
  },
  // The panel re-rendered (it may have reset disabled or title): lock again.
  updated(el, binding) {
    const data = controlsOf(el)
    for (const target of data) {
      // A re-render may have given back the panel's own title or disabled state.
      if (target.dataset.challengeLocked !== undefined && !target.title.startsWith('Locked by')) {
        target.dataset.unlockedTitle = target.getAttribute('title') ?? ''
      }
    }
    apply(el, binding.value)
  },
  beforeUnmount(el) {
    stops.get(el)?.()
    stops.delete(el)
  }
}
