'use client';

import type { ComponentProps } from 'react';
import { RoomLoader } from './room-loader';
import { RecordingPanel } from './recording-panel';

/** The room page's client part: the built-in room with the recording controls below the videos. */
export function RoomWithRecording(props: Omit<ComponentProps<typeof RoomLoader>, 'children'>) {
  return (
    <RoomLoader {...props}>
      <RecordingPanel />
    </RoomLoader>
  );
}
