// sucai: comfort only; every page works without this file.
// - Search boxes with data-suggest list titles while typing (title prefix or pinyin initials).
// - Upload forms with data-progress show how far the upload has gone.
// - Links with data-back go back a page (without script they lead home).
// No page holds inline script: the Content-Security-Policy allows scripts from this file only.
"use strict";

document.querySelectorAll("a[data-back]").forEach((link) => {
  link.addEventListener("click", (event) => {
    if (history.length > 1) {
      event.preventDefault();
      history.back();
    }
  });
});

document.querySelectorAll("input[data-suggest]").forEach((input) => {
  const list = document.getElementById(input.dataset.suggest);
  let timer = 0;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      asked = q;
      if (!q) { list.replaceChildren(); return; }
      try {
        const response = await fetch("/api/v1/suggest?limit=8&q=" + encodeURIComponent(q));
        const found = response.ok ? await response.json() : [];
        if (asked !== q) return;
        list.replaceChildren(...found.map((s) => {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.href = "/articles/" + s.id;
          link.textContent = s.title;
          item.append(link);
          return item;
        }));
      } catch (_) {
        list.replaceChildren();
      }
    }, 150);
  });
});

document.querySelectorAll("form[data-progress]").forEach((form) => {
  const bar = document.getElementById(form.dataset.progress);
  const text = document.getElementById(form.dataset.progress + "-text");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    bar.hidden = false;
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) {
        bar.value = Math.round((e.loaded / e.total) * 100);
        text.textContent = "已上传 " + bar.value + "%";
      }
    });
    request.upload.addEventListener("load", () => { text.textContent = "上传完成，正在导入……"; });
    request.addEventListener("load", () => {
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", () => { text.textContent = "上传失败，请检查网络后重试。"; });
    request.send(new FormData(form));
  });
});
