/** One-click reactions in the message toolbar (the picker has every other emoji). */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '🙏'];
