// AnSinh: small progressive helpers; every page works without them (ADR 0023).
(function () {
    "use strict";
    // Tables scroll inside their own box, never the page.
    document.querySelectorAll("main table").forEach(function (t) {
        if (t.parentElement && !t.parentElement.classList.contains("table-wrap")) {
            var wrap = document.createElement("div");
            wrap.className = "table-wrap";
            // A box that scrolls is reachable from the keyboard, and named for screen readers.
            var heading = t.caption || t.previousElementSibling;
            wrap.tabIndex = 0;
            wrap.setAttribute("role", "region");
            wrap.setAttribute("aria-label", heading && /^(CAPTION|H2|H3)$/.test(heading.tagName) ? heading.textContent.trim() : (document.documentElement.lang === "en" ? "Table" : "Bảng"));
            t.parentNode.insertBefore(wrap, t);
            wrap.appendChild(t);
        }
    });
    // Navigation groups: on a phone only the current page's group starts open; on a wider screen
    // the groups a user has folded stay folded (the current page's group always shows).
    var key = "ansinh.nav.closed";
    var groups = document.querySelectorAll("nav.side details.nav-group");
    var phone = window.matchMedia("(max-width: 767.98px)").matches;
    var closed = [];
    try { closed = JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { closed = []; }
    groups.forEach(function (g) {
        if (g.classList.contains("here")) { return; }
        if (phone || closed.indexOf(g.id) >= 0) { g.open = false; }
    });
    if (!phone) {
        groups.forEach(function (g) {
            g.addEventListener("toggle", function () {
                var now = [];
                groups.forEach(function (x) { if (!x.open) { now.push(x.id); } });
                try { localStorage.setItem(key, JSON.stringify(now)); } catch (e) { /* private mode */ }
            });
        });
    }
    // The phone menu closes with Escape.
    var toggle = document.getElementById("menu-toggle");
    if (toggle) {
        document.addEventListener("keydown", function (e) {
            if (e.key === "Escape" && toggle.checked) { toggle.checked = false; toggle.focus(); }
        });
    }
})();
