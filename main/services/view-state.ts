/** What the user is looking at, as told by the renderer (`ui:focus-room`). */
export class ViewState {
  focusedRoomId: string | null = null;
}
