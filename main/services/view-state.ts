/** What the user is looking at, as told by the renderer (`ui:focus-room`). */
export class ViewState {
  focusedRoomId: string | null = null;
  /** The thread open beside the focused room, if any. */
  focusedThreadRootId: string | null = null;
}
