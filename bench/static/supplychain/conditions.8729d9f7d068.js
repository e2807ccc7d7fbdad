// Shows a conditional question only when its condition's answer is chosen (progressive
// enhancement: without JavaScript every question shows with a note saying when to answer it).
(function () {
  "use strict";
  var form = document.querySelector(".sc-section-form");
  if (!form) return;
  var questions = form.querySelectorAll("[data-condition-field]");
  function update() {
    questions.forEach(function (block) {
      var inputs = form.querySelectorAll('[name="' + block.dataset.conditionField + '"]');
      if (!inputs.length) return; // the condition sits in another section
      var shown = Array.prototype.some.call(inputs, function (input) {
        return input.checked && input.value === block.dataset.conditionValue;
      });
      block.hidden = !shown && !block.classList.contains("field--error");
    });
  }
  form.addEventListener("change", update);
  update();
})();
