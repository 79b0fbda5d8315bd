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

// ==== Pickers (issue #19): units and households chosen by name, not by code ==================
// <input data-picker="unit" data-level="commune|province" [data-scope="all"]> or
// <input data-picker="household" data-commune-field="ID">. Without script the field takes a code
// (the server also resolves an exact name). With script: an ARIA combobox; a pick shows the name and a
// hidden input of the same name carries the code. Listeners are delegated, so pages replaced
// without a reload (enhanced navigation) need nothing more.
(function () {
    "use strict";
    var timers = {};
    function hiddenOf(input) {
        var h = input.nextElementSibling;
        return h && h.matches && h.matches("input[type=hidden][data-picker-value]") ? h : null;
    }
    function listOf(input) { return document.getElementById(input.id + "-picker-list"); }
    function upgrade(input) {
        if (hiddenOf(input) && !input.name) { return; }
        var name = input.getAttribute("name");
        if (!name || !input.id) { return; }
        var old = listOf(input);
        if (old) { old.remove(); }
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = name;
        hidden.value = input.value;
        hidden.setAttribute("data-picker-value", "");
        input.removeAttribute("name");
        input.setAttribute("data-picker-name", name);
        input.insertAdjacentElement("afterend", hidden);
        var list = document.createElement("ul");
        list.id = input.id + "-picker-list";
        list.className = "picker-list";
        list.setAttribute("role", "listbox");
        list.hidden = true;
        hidden.insertAdjacentElement("afterend", list);
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("autocomplete", "off");
    }
    function close(input) {
        var list = listOf(input);
        if (list) { list.hidden = true; list.innerHTML = ""; }
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
    }
    function url(input, q) {
        if (input.dataset.picker === "household") {
            var c = document.getElementById(input.dataset.communeField || "");
            var h = c ? (hiddenOf(c) || c) : null;
            return "/api/households/search?communeCode=" + encodeURIComponent(h ? h.value : "") + "&q=" + encodeURIComponent(q);
        }
        return "/api/units/search?q=" + encodeURIComponent(q) + "&level=" + encodeURIComponent(input.dataset.level || "") +
            (input.dataset.scope ? "&scope=" + encodeURIComponent(input.dataset.scope) : "");
    }
    function option(input, item) {
        if (input.dataset.picker === "household") {
            return { value: item.code, text: "HGĐ " + item.code + (item.headName ? " — " + item.headName : ""), label: "HGĐ " + item.code + (item.headName ? " — " + item.headName : "") + (item.village ? " — " + item.village : "") };
        }
        return { value: item.code, text: item.fullName, label: item.fullName + (item.parentName ? " — " + item.parentName : "") };
    }
    function show(input, items) {
        var list = listOf(input);
        if (!list) { return; }
        list.innerHTML = "";
        if (items.length === 0) {
            var none = document.createElement("li");
            none.className = "picker-empty";
            none.textContent = document.documentElement.lang === "en" ? "No match in your area" : "Không có gợi ý trong phạm vi của bạn";
            list.appendChild(none);
        }
        items.forEach(function (item, i) {
            var o = option(input, item);
            var li = document.createElement("li");
            li.id = input.id + "-picker-" + i;
            li.setAttribute("role", "option");
            li.setAttribute("aria-selected", "false");
            li.dataset.value = o.value;
            li.dataset.text = o.text;
            li.textContent = o.label;
            list.appendChild(li);
        });
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        input.removeAttribute("aria-activedescendant");
    }
    function choose(input, li) {
        var hidden = hiddenOf(input);
        input.value = li.dataset.text;
        if (hidden) { hidden.value = li.dataset.value; }
        close(input);
        input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function move(input, step) {
        var list = listOf(input);
        if (!list || list.hidden) { return false; }
        var options = Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
        if (options.length === 0) { return true; }
        var at = options.findIndex(function (o) { return o.id === input.getAttribute("aria-activedescendant"); });
        at = at < 0 ? (step > 0 ? 0 : options.length - 1) : (at + step + options.length) % options.length;
        options.forEach(function (o, i) { o.setAttribute("aria-selected", i === at ? "true" : "false"); });
        input.setAttribute("aria-activedescendant", options[at].id);
        options[at].scrollIntoView({ block: "nearest" });
        return true;
    }
    document.addEventListener("focusin", function (e) {
        if (e.target.matches && e.target.matches("input[data-picker]")) { upgrade(e.target); }
    });
    document.addEventListener("input", function (e) {
        var input = e.target;
        if (!input.matches || !input.matches("input[data-picker]")) { return; }
        upgrade(input);
        var hidden = hiddenOf(input);
        if (hidden) { hidden.value = input.value; } // a typed code or name still goes to the server
        clearTimeout(timers[input.id]);
        var q = input.value.trim();
        if (q.length < 2) { close(input); return; }
        timers[input.id] = setTimeout(function () {
            fetch(url(input, q), { headers: { Accept: "application/json" }, credentials: "same-origin" })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (items) { if (input.value.trim() === q && document.activeElement === input) { show(input, items); } })
                .catch(function () { close(input); });
        }, 150);
    });
    document.addEventListener("keydown", function (e) {
        var input = e.target;
        if (!input.matches || !input.matches("input[data-picker]")) { return; }
        var list = listOf(input);
        var open = list && !list.hidden;
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            if (move(input, e.key === "ArrowDown" ? 1 : -1)) { e.preventDefault(); }
        } else if (e.key === "Enter" && open) {
            var active = document.getElementById(input.getAttribute("aria-activedescendant") || "");
            if (active) { e.preventDefault(); choose(input, active); }
        } else if (e.key === "Escape" && open) {
            e.preventDefault();
            e.stopPropagation();
            close(input);
        }
    }, true);
    document.addEventListener("mousedown", function (e) {
        var li = e.target.closest && e.target.closest(".picker-list [role=option]");
        if (!li) { return; }
        e.preventDefault(); // keep the focus in the field
        var input = document.querySelector("[aria-controls='" + li.parentElement.id + "']");
        if (input) { choose(input, li); }
    });
    document.addEventListener("focusout", function (e) {
        var input = e.target;
        if (input.matches && input.matches("input[data-picker]")) { setTimeout(function () { close(input); }, 150); }
    });
    // A field shown again with a code gets the unit's name (its code stays in the hidden input).
    function label(root) {
        root.querySelectorAll("input[data-picker=unit]").forEach(function (input) {
            var code = input.value.trim();
            if (!/^\d{2,5}$/.test(code)) { return; }
            upgrade(input);
            fetch("/api/units/search?q=" + encodeURIComponent(code) + "&scope=all", { headers: { Accept: "application/json" }, credentials: "same-origin" })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (items) {
                    var hit = items.filter(function (u) { return u.code === code; })[0];
                    if (hit && input.value.trim() === code) { input.value = hit.fullName; input.title = hit.fullName + " (" + code + ")"; }
                })
                .catch(function () { /* the code stays */ });
        });
    }
    label(document);
    if (window.Blazor && window.Blazor.addEventListener) { window.Blazor.addEventListener("enhancedload", function () { label(document); }); }
})();
// ==== end of pickers ==========================================================================

// ==== list page size: a change of the select submits its form (the button stays for pages without scripts) ====
(function () {
    "use strict";
    document.addEventListener("change", function (e) {
        var t = e.target;
        if (t instanceof HTMLSelectElement && t.hasAttribute("data-autosubmit") && t.form) { t.form.requestSubmit(); }
    });
})();
