// AnSinh: small progressive helpers; every page works without them (ADR 0023).
(function () {
    "use strict";
    // Tables scroll inside their own box, never the page.
    document.querySelectorAll("main table").forEach(function (t) {
        if (t.parentElement && !t.parentElement.classList.contains("table-wrap")) {
            var wrap = document.createElement("div");
            wrap.className = "table-wrap";
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
    // Irreversible actions: a submit button (or form) with data-confirm asks first, in a modal
    // alertdialog that says what will happen; Cancel (the focused button, or Escape) submits nothing.
    // Every post then locks its form until the next page arrives, so a double click writes once.
    // Delegated on document, so it also holds for pages swapped in without a reload (ADR 0023).
    var en = (document.documentElement.lang || "vi").indexOf("en") === 0;
    var dialog = null, onYes = null;
    function confirmDialog() {
        if (dialog) { return dialog; }
        dialog = document.createElement("dialog");
        dialog.className = "confirm";
        dialog.id = "confirm-dialog";
        dialog.setAttribute("role", "alertdialog");
        dialog.setAttribute("aria-modal", "true");
        dialog.setAttribute("aria-labelledby", "confirm-title");
        dialog.setAttribute("aria-describedby", "confirm-text");
        dialog.innerHTML = '<h2 id="confirm-title"></h2><p id="confirm-text"></p><div class="confirm-actions">'
            + '<button type="button" class="secondary" id="confirm-cancel"></button><button type="button" id="confirm-ok"></button></div>';
        dialog.querySelector("#confirm-title").textContent = en ? "Please confirm" : "Xin xác nhận";
        dialog.querySelector("#confirm-cancel").textContent = en ? "Cancel" : "Huỷ";
        dialog.querySelector("#confirm-ok").textContent = en ? "Confirm" : "Xác nhận";
        dialog.querySelector("#confirm-cancel").addEventListener("click", function () { dialog.close("cancel"); });
        dialog.querySelector("#confirm-ok").addEventListener("click", function () { dialog.close("ok"); });
        dialog.addEventListener("close", function () {
            var yes = onYes;
            onYes = null;
            if (dialog.returnValue === "ok" && yes) { yes(); }
        });
        document.body.appendChild(dialog);
        return dialog;
    }
    // "{#id}" in the sentence names what is chosen or typed in that field now.
    function fill(text) {
        return text.replace(/\{#([\w-]+)\}/g, function (all, id) {
            var f = document.getElementById(id);
            if (!f) { return all; }
            if (f.tagName === "SELECT") { return f.selectedIndex >= 0 ? f.options[f.selectedIndex].text : "—"; }
            var v = (f.value || "").trim();
            var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
            return iso ? iso[3] + "/" + iso[2] + "/" + iso[1] : (v || "—");
        });
    }
    function lock(form, on) {
        if (on) { form.setAttribute("aria-busy", "true"); } else { form.removeAttribute("aria-busy"); }
        form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (b) {
            if (on) { b.disabled = true; b.setAttribute("aria-busy", "true"); } else if (b.hasAttribute("aria-busy")) { b.disabled = false; b.removeAttribute("aria-busy"); }
        });
    }
    document.addEventListener("submit", function (e) {
        var form = e.target;
        if (!(form instanceof HTMLFormElement)) { return; }
        if (form.getAttribute("aria-busy") === "true") { e.preventDefault(); return; }
        var button = e.submitter || null;
        var text = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
        if (text && !form.ansinhConfirmed && typeof HTMLDialogElement === "function") {
            e.preventDefault();
            var d = confirmDialog();
            d.querySelector("#confirm-text").textContent = fill(text);
            var ok = d.querySelector("#confirm-ok");
            ok.className = button && button.classList.contains("danger") ? "danger" : "";
            d.returnValue = "";
            onYes = function () { form.ansinhConfirmed = true; form.requestSubmit(button); };
            d.showModal();
            d.querySelector("#confirm-cancel").focus();
            return;
        }
        form.ansinhConfirmed = false;
        if ((form.getAttribute("method") || "get").toLowerCase() !== "post" || e.defaultPrevented) { return; }
        form.setAttribute("aria-busy", "true");
        // After the browser has read the form's fields (a disabled button would not be sent).
        setTimeout(function () { lock(form, true); }, 0);
    });
    // Back to a page kept in memory, or a page swapped in: its forms take posts again.
    function unlockAll() { document.querySelectorAll("form[aria-busy=true]").forEach(function (f) { lock(f, false); }); }
    window.addEventListener("pageshow", unlockAll);
    document.addEventListener("enhancedload", unlockAll);
})();
