/** Comment limits shared by the server's validation and the browser's composer (a tiny
 *  module, so the reading page does not ship the validation library for one number). */
export const COMMENT_MAX = 10_000;
/** The longest passage one comment may quote (a long paragraph, not a chapter). */
export const QUOTE_MAX = 4_000;
