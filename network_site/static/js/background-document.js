/* The status page of a document rendered in the background (network_site/background.py):
   asks its JSON status every two seconds and updates the progress bar, the step, the error and
   the download link, until the job is finished. Without JavaScript the page has a refresh link. */
(function () {
  "use strict";

  function update(root, status) {
    var progress = root.querySelector("[data-role=progress]");
    var step = root.querySelector("[data-role=step]");
    var error = root.querySelector("[data-role=error]");
    var download = root.querySelector("[data-role=download]");
    var link = root.querySelector("[data-role=download-link]");
    var refresh = root.querySelector("[data-role=refresh]");
    progress.value = status.progress;
    progress.textContent = status.progress + " %";
    step.textContent = status.step_label;
    error.textContent = status.error || "";
    error.hidden = !status.error;
    if (status.download_url) {
      link.href = status.download_url;
    }
    download.hidden = !status.download_url;
    refresh.hidden = status.finished;
    if (status.finished) {
      root.setAttribute("data-finished", "");
    }
  }

  function poll(root) {
    if (root.hasAttribute("data-finished")) {
      return;
    }
    fetch(root.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        update(root, status);
        if (!status.finished) {
          window.setTimeout(function () { poll(root); }, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(root); }, 5000);
      });
  }

  document.querySelectorAll("[data-background-document]").forEach(function (root) {
    window.setTimeout(function () { poll(root); }, 1000);
  });
})();
