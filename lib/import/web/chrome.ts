/**
 * What page chrome looks like: class/id words, roles, and the short lines sites put around and inside an
 * article ("Advertisement", "Read more:", "Share this:", "Lire aussi", …).
 */
import { names, tagOf } from "./dom";

/** Words that name chrome wherever they appear in a class or id ("share-tools", "related-links", "commentList"). */
const CHROME_WORDS = new Set([
  "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "crumbs", "sidebar", "footer", "social", "share",
  "shares", "sharing", "sharebar", "sharetools", "subscribe", "subscription", "newsletter", "newsletters", "signup", "cookie",
  "cookies", "consent", "gdpr", "advert", "advertisement", "advertising", "ads", "ad", "adslot", "dfp", "sponsor", "sponsored",
  "promo", "promotion", "promoted", "related", "relatedlinks", "recirc", "recommended", "recommendation", "recommendations",
  "outbrain", "taboola", "comment", "comments", "commentlist", "disqus", "respond", "masthead", "toolbar", "skip", "pagination",
  "pager", "banner", "popup", "modal", "overlay", "tags", "tagcloud", "tagged", "byline", "bylines", "author", "authors", "bio",
  "dateline", "timestamp", "kicker", "credit", "credits", "copyright", "print", "popular", "trending", "similar", "feedback",
  "teaser", "teasers", "rail", "interstitial", "keywords", "topics", "categories", "meta", "metadata", "utility", "utilities",
  "tools", "actions", "buttons", "follow", "login", "signin", "search", "alert", "livestats", "ticker", "headlines",
  "pagenum", "pagenumber", "pageno", "gallery", "slideshow", "carousel", "slider", "lightbox", "authorprofile", "authorbio",
  "authorinfo", "authorbox", "aboutauthor", "contributor", "contributors", "survey",
]);

/** Word beginnings that name chrome ("relatedposts", "sharedaddy", "commentlist", "newsletterform"). */
const CHROME_PREFIXES = ["related", "recommend", "comment", "share", "social", "newsletter", "subscri", "advert", "sponsor", "outbrain", "taboola", "breadcrumb", "sidebar", "trending", "popular", "promo"];
const NOT_CHROME = new Set(["commentary", "shared"]);

function chromeWord(w: string): boolean {
  if (CHROME_WORDS.has(w)) return true;
  if (NOT_CHROME.has(w)) return false;
  return CHROME_PREFIXES.some((p) => w.startsWith(p));
}

/** Word pairs that name chrome only together ("read next", "more stories", "see also"). */
const CHROME_PAIRS = [
  ["read", "next"], ["read", "also"], ["also", "read"], ["see", "also"], ["more", "stories"], ["more", "from"], ["more", "on"],
  ["most", "read"], ["most", "viewed"], ["next", "post"], ["prev", "post"], ["previous", "post"], ["post", "navigation"],
  ["nav", "links"], ["you", "may"], ["about", "author"], ["author", "info"], ["in", "this"], ["jump", "to"], ["page", "number"], ["page", "num"],
];

/** Words that make a name the article's own ("entry-content", "article-body", "story-text"). */
const CONTENT_WORDS = new Set(["content", "body", "text", "main", "article", "articlebody", "story", "entry", "post", "prose", "copy"]);

/** Names that describe a state or layout ("withSidebar", "has-comments", "no-ads", "js-share"), not a kind of element. */
const STATE_WORDS = new Set(["with", "has", "no", "without", "is", "show", "can", "js", "enable", "enabled", "disable", "disabled", "allow"]);

/** A class/id name that names chrome: a chrome word in it, and it does not end in a content word. */
/** The page's frame: its class names describe the page (WordPress "single-post tag-x", BBC "…outbrain…"), not chrome. */
const FRAME_TAGS = new Set(["html", "body", "main"]);

export function chromeName(el: Element): string | null {
  if (FRAME_TAGS.has(tagOf(el))) return null;
  for (const words of names(el)) {
    if (!words.length || STATE_WORDS.has(words[0]!)) continue;
    if (CONTENT_WORDS.has(words[words.length - 1]!)) continue;
    for (const w of words) if (chromeWord(w)) return words.join("-");
    for (const [a, b] of CHROME_PAIRS) {
      const i = words.indexOf(a!);
      if (i >= 0 && words[i + 1] === b) return words.join("-");
    }
  }
  return null;
}

/** Names that mark chrome strongly enough to discount prose under them when choosing the article's container. */
const STRONG_WORDS = new Set([
  "comment", "comments", "commentlist", "disqus", "respond", "related", "recirc", "outbrain", "taboola", "newsletter", "sidebar",
  "footer", "nav", "navigation", "menu", "breadcrumb", "breadcrumbs", "share", "sharing", "social", "promo", "advert",
  "advertisement", "ads", "sponsored", "popular", "trending", "recommended", "recommendations", "teaser", "teasers", "rail",
  "cta", "calltoaction", "feedback", "survey",
]);

const STRONG_PREFIXES = ["related", "recommend", "comment", "outbrain", "taboola", "sidebar", "newsletter"];

export function strongChromeName(el: Element): boolean {
  if (FRAME_TAGS.has(tagOf(el))) return false;
  for (const words of names(el)) {
    // "contentWithSidebar", "post-comments-area"? only names without a content word discount the prose under them
    if (!words.length || STATE_WORDS.has(words[0]!) || words.some((w) => CONTENT_WORDS.has(w))) continue;
    if (words.some((w) => STRONG_WORDS.has(w) || (chromeWord(w) && STRONG_PREFIXES.some((p) => w.startsWith(p))))) return true;
  }
  return false;
}

/** Named as readers' comments ("comment-box", "commentlist", "disqus_thread", "respond"). */
export function commentName(el: Element): boolean {
  return names(el).some((words) => words.some((w) => (w.startsWith("comment") && w !== "commentary") || w === "disqus" || w === "respond"));
}

const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alertdialog", "toolbar"]);
const CHROME_TAGS = new Set(["nav", "menu", "dialog", "form", "button", "select", "input", "textarea"]);

export function chromeTagOrRole(el: Element): boolean {
  if (CHROME_TAGS.has(tagOf(el))) return true;
  return CHROME_ROLES.has((el.getAttribute("role") ?? "").toLowerCase());
}

/** The short lines sites put inside an article: they are never part of it. */
const BOILERPLATE_RE = new RegExp(
  "^(?:" +
    [
      "advertisement", "advertising", "anzeige", "publicité", "publicidad", "publicidade", "reklama", "pubblicità", "広告", "广告",
      "continue reading(?: the main story| below)?", "story continues below(?: advertisement)?", "article continues below",
      "read more(?::| »|…|\\.\\.\\.|$| at)", "read (?:also|next)\\b", "related(?: coverage| content| articles| stories| posts| links)?:?$",
      "more (?:on|from|about) (?:this|[\\w .’'-]{1,30})$", "see also:?$", "share (?:this|on|via|the story)\\b", "share$", "like this:?$",
      "loading\\.\\.\\.$", "loading…$", "正在加载", "加载中", "読み込み中", "comments? \\(\\d+(?: posted)?\\)$", "\\d+ comments?$", "view comments", "post a comment",
      "leave a (?:reply|comment)", "(?:sign up|subscribe) (?:for|to) (?:our|the)\\b", "follow us\\b", "click here\\b",
      "this (?:article|story) (?:was )?(?:originally )?(?:appeared|published|reprinted) (?:on|in)\\b",
      "this article was (?:reprinted|republished)\\b", "page editor:", "updated:? (?:on )?[\\w ,.:]{3,40}$", "published:? [\\w ,.:]{3,40}$",
      "story highlights$", "lire (?:aussi|la suite|plus)\\b", "à lire aussi\\b", "voir aussi\\b", "lesen sie (?:auch|mehr)\\b", "mehr zum thema\\b", "auch interessant\\b",
      "leia (?:também|mais)\\b", "veja também\\b", "lea (?:también|más)\\b", "ver (?:también|más)\\b", "související\\b", "čtěte (?:také|též)\\b",
      "přečtěte si\\b", "saistītie raksti\\b", "関連記事", "相关(?:阅读|新闻|文章)", "推荐阅读", "精彩视频推荐",
    ].join("|") +
    ")",
  "i",
);

/** "X, Y and Z contributed to this report." */
const CONTRIBUTORS_RE = /\bcontributed (?:reporting )?(?:to )?(?:this|the) (?:report|story|article)\.?$|^(?:additional )?reporting by\b|^(?:editing|edited) by\b/i;

export function isBoilerplateLine(text: string, tokens: number): boolean {
  const t = text.trim();
  return (tokens <= 14 && BOILERPLATE_RE.test(t)) || (tokens <= 45 && CONTRIBUTORS_RE.test(t));
}

/** Site legalese and promotions: copyright and licence lines, newsletter and e-mail sign-ups, editor credits. */
const FINE_PRINT_RE = new RegExp(
  [
    "©", "\\bcopyright\\b", "all rights reserved", "is a (?:registered )?(?:trademark|service mark) of", "licensed under (?:a |the )?creative commons",
    "terms of (?:use|service)", "privacy (?:policy|statement|notice)", "(?:sign|signing) up (?:for|to) (?:our|the|a free)", "enter your e-?mail",
    "our (?:free )?newsletter", "unsubscribe", "subscribe to (?:our|the)", "follow us on", "get (?:our|the) (?:free )?(?:app|newsletter)",
    "未经(?:许可|授权)", "不得转载", "责任编辑", "版权所有", "無断転載", "無断複製",
  ].join("|"),
  "i",
);

export function isFinePrint(text: string, tokens: number): boolean {
  return tokens <= 45 && FINE_PRINT_RE.test(text);
}

/** A heading that introduces chrome ("Related", "More from X", "Most popular", "Share this", "Comments"). */
const CHROME_HEADING_RE =
  /^(?:related\b|more\b|most (?:read|popular|viewed|shared)|popular\b|trending\b|recommended\b|you (?:may|might) (?:also )?like|see also|read (?:more|next|also)|share\b|comments?\b|leave a (?:reply|comment)|about the author|newsletter|sign up|subscribe|follow\b|tags?\b|topics\b|in (?:this|other) news|latest\b|recent (?:posts|articles)|archives?\b|categories\b|lire aussi|à lire|sur le même sujet|mehr zum thema|auch interessant|leia também|veja também|relacionadas?\b|te puede interesar|související|saistītie|関連|相关|推荐|热门)/i;

export function isChromeHeading(text: string): boolean {
  return text.length <= 80 && CHROME_HEADING_RE.test(text.trim());
}
