// Text to a Blob for a download. `new Blob([text])` encodes the text as UTF-8 on the calling
// thread: about 55 ms for a 9 MB session on these machines, a long task in the Save flow
// (issue 14). Texts above OFF_THREAD_CHARS are encoded in a worker of their own instead (a Blob
// crosses back by reference); the page pays only the copy of the text into the message. Where no
// worker can start, or it fails, the page encodes the text itself (shared/protocol/workerJobs).
import { createWorkerJobs, type JobWorker } from '../shared/protocol/workerJobs'

/** Below this, encoding on the page costs less than a message to the worker (~2 ms). */
export const OFF_THREAD_CHARS = 512 * 1024

export interface TextBlobJob {
  id: number
  text: string
  type: string
}

export interface TextBlobAnswer {
  id: number
  blob: Blob
}

export type TextBlobWorker = JobWorker<TextBlobJob, TextBlobAnswer>

export function encodeTextBlob(job: TextBlobJob): TextBlobAnswer {
  return { id: job.id, blob: new Blob([job.text], { type: job.type }) }
}

export type TextToBlob = (text: string, type: string) => Promise<Blob>

/** A text-to-Blob maker whose worker (`spawn`) starts on the first large text. */
export function createTextBlobMaker(spawn: () => TextBlobWorker | null): TextToBlob {
  const jobs = createWorkerJobs(spawn, encodeTextBlob)
  return async (text, type) => {
    if (text.length <= OFF_THREAD_CHARS) return new Blob([text], { type })
    return (await jobs.run((id) => ({ id, text, type }))).blob
  }
}
