import { appendToJournal } from '../core/journal/append-entry.js';
import { markBody, noteBody } from '../core/journal/human-entries.js';
import { runServiceClock } from './live-clock.js';
import { startLiveServer, type LiveControls, type LiveServer } from './live-server.js';

/**
 * The live view as the commands start it: the reporter's notes and marks go into the journal through
 * the same core functions as `gameday note` and `gameday mark`, timed on the run's service clock;
 * only what Stop does differs (`run`: what Ctrl-C does; `watch`: what `gameday abort` does).
 */
export function startLiveView(options: { port?: number; stop: LiveControls['stop']; stopSays: string }): Promise<LiveServer> {
  return startLiveServer({
    ...(options.port !== undefined ? { port: options.port } : {}),
    stopSays: options.stopSays,
    controls: {
      // Typed now, about now: on the run's service clock (at sandbox speed the last observation can be minutes behind).
      note: (runDir, note, serviceNow) =>
        appendToJournal(runDir, (events) => noteBody(events, { text: note.text, ...(note.by ? { author: note.by } : {}), ...(note.tag ? { tag: note.tag } : {}), ...(serviceNow ? { at: serviceNow.toISOString() } : {}) })),
      mark: (runDir, mark, serviceNow) => appendToJournal(runDir, (events) => markBody(events, { mark: mark.mark, ...(mark.by ? { by: mark.by } : {}), ...(mark.text ? { text: mark.text } : {}) }, serviceNow)),
      stop: options.stop,
      clockFor: runServiceClock,
    },
  });
}
