/** The first thing a keyboard user reaches: a way past the header and sidebar. */
export function SkipLink() {
  return (
    <a href="#main-content" className="skip-link">
      Skip to main content
    </a>
  );
}
