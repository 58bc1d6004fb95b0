/** The page's stylesheet: system fonts, no web fonts (the page works offline). */
export const PAGE_STYLE = `
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.4; color: #1a1a1a; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 1rem; }
figure { margin: 0; padding: 0.5rem; border: 1px solid #e4e4e4; border-radius: 6px; overflow-x: auto; }
figcaption { font-weight: 600; margin-bottom: 0.25rem; }
details summary { cursor: pointer; color: #0057a0; font-size: 0.9rem; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: left; }
ol.labs { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0; }
.lab-card { border: 1px solid #ccc; border-left: 6px solid; border-radius: 4px; padding: 0.4rem 0.6rem; min-width: 12rem; display: flex; flex-direction: column; }
.lab-card .status, .lab-card .needs { font-size: 0.85rem; color: #444; }
.next { background: #f2f8fc; border: 1px solid #b6d4ea; border-radius: 6px; padding: 0 1rem; }
.notice { background: #fff6e0; border: 1px solid #e6c46b; padding: 0.4rem 0.8rem; border-radius: 4px; }
`
