;;; emacs.el --- `ties lsp' driven from Emacs with eglot, as a user would  -*- lexical-binding: t -*-
;;
;; Run by tests/e2e/emacs.sh: `emacs --batch -l tests/e2e/emacs.el'.  The steps of
;; tests/e2e/editors.lua for Neovim, in Emacs 28 with Debian's eglot 1.9: diagnostics of a
;; buffer, completion, a code action applied, a rename that moves the file (eglot has no
;; file operations in its edits: the server moves the file itself), and an external
;; `ties log' in a shell that the editor then sees (eglot registers no file watcher here:
;; the server's own watcher must catch it).  Exits 0 only if every step held; prints what
;; it saw otherwise.

(require 'eglot)
(require 'project)
(require 'cl-lib)

(defvar ties-root (file-name-as-directory (getenv "TIES_E2E_NOTEBOOK")))
(defvar ties-bin (getenv "TIES_BIN"))
(defconst ties-wait 20.0 "Seconds a step waits for the server before it fails.")

(defun ties-say (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defun ties-fail (what)
  (ties-say "FAIL: %s" what)
  (kill-emacs 1))

(defun ties-check (ok what)
  (unless ok (ties-fail what))
  (ties-say "ok: %s" what))

(defun ties-wait-for (predicate)
  "Waits until PREDICATE holds, taking the server's messages meanwhile; its last value."
  (let ((deadline (+ (float-time) ties-wait))
        (value (funcall predicate)))
    (while (and (not value) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      ;; Emacs in batch mode handles file notifications (the file watcher eglot registers
      ;; for the server) only while it reads input, as an interactive Emacs always does.
      (ignore-errors (read-event nil nil 0.01))
      (setq value (funcall predicate)))
    value))

;; A major mode for the notebook's Markdown files (Debian's Emacs has no markdown-mode),
;; the notebook as a project (it is no git repository), and no question in batch mode: an
;; edit of a file no buffer visits asks, and a user says yes.
(define-derived-mode ties-notes-mode text-mode "ties")
(add-to-list 'auto-mode-alist '("\\.md\\'" . ties-notes-mode))
(add-hook 'project-find-functions (lambda (_dir) (cons 'transient ties-root)))
(fset 'y-or-n-p (lambda (prompt) (ties-say "(answered yes) %s" prompt) t))
(setq eglot-sync-connect t
      eglot-autoreconnect nil
      eglot-events-buffer-size 0)

(defun ties-open (rel)
  "Visits REL: eglot manages the buffer as it manages every file of its mode and project."
  (let ((buffer (find-file-noselect (expand-file-name rel ties-root))))
    (ties-check (buffer-local-value 'eglot--managed-mode buffer)
                (format "eglot manages %s" rel))
    buffer))

(defun ties-messages (buffer)
  "The messages of the diagnostics eglot holds for BUFFER."
  (with-current-buffer buffer
    (mapconcat #'flymake-diagnostic-text eglot--diagnostics " | ")))

(defun ties-goto (line column)
  (goto-char (point-min))
  (forward-line line)
  (forward-char column))

(defun ties-request (method params)
  (jsonrpc-request (eglot-current-server) method params :timeout ties-wait))

(defun ties-run ()
  (let* ((ada (find-file-noselect (expand-file-name "contacts/ada.md" ties-root)))
         server)
    (with-current-buffer ada
      (eglot '(ties-notes-mode) (project-current) 'eglot-lsp-server
             (list ties-bin "--today" "2026-11-21" "lsp") "markdown")
      (setq server (eglot-current-server)))
    (ties-check server "the server starts")
    (ties-say "eglot %s, server %s"
              (with-temp-buffer
                (insert-file-contents (locate-library "eglot-pkg.el"))
                (goto-char (point-min))
                (and (re-search-forward "\"eglot\" \"\\([^\"]+\\)\"" nil t) (match-string 1)))
              (plist-get (eglot--server-info server) :version))

    ;; Diagnostics of the buffer.
    (ties-check (ties-wait-for (lambda () (string-match-p "unknown company `acm`"
                                                          (ties-messages ada))))
                (format "T201 on company: acm (%s)" (ties-messages ada)))

    ;; Completion after `company: ac', through eglot's completion-at-point.
    (with-current-buffer ada
      (ties-goto 2 11)
      (let* ((capf (eglot-completion-at-point))
             (labels (all-completions (buffer-substring-no-properties (nth 0 capf) (nth 1 capf))
                                      (nth 2 capf))))
        (ties-check (member "acme" labels)
                    (format "completion offers acme (%s)" (string-join labels ", ")))))

    ;; The did-you-mean code action, applied as eglot applies it, and saved.
    (with-current-buffer ada
      (ties-goto 2 10)
      (let* ((actions (eglot-code-actions (point) (point)))
             (fix (cl-find "replace `acm` with `acme`" actions
                           :key (lambda (a) (plist-get a :title)) :test #'equal)))
        (ties-check fix "the code action \"replace `acm` with `acme`\" is offered")
        (eglot--apply-workspace-edit (plist-get fix :edit))
        (save-buffer)
        (ties-goto 2 0)
        (ties-check (looking-at-p "company: acme$") "the fix is in the buffer")))
    (ties-check (ties-wait-for (lambda () (null (buffer-local-value 'eglot--diagnostics ada))))
                (format "the diagnostic is gone (%s)" (ties-messages ada)))

    ;; Rename `ada' from Bob's `introduced_by': eglot applies only text edits, so the
    ;; server moves the file itself; every mention follows.
    (let ((bob (ties-open "contacts/bob.md")))
      (with-current-buffer bob
        (ties-goto 2 16)
        (eglot-rename "ada-king")
        (save-some-buffers t))
      (ties-check (file-exists-p (expand-file-name "contacts/ada-king.md" ties-root))
                  "contacts/ada-king.md exists")
      (ties-check (not (file-exists-p (expand-file-name "contacts/ada.md" ties-root)))
                  "contacts/ada.md is gone")
      (let ((text (with-current-buffer bob (buffer-string))))
        (ties-check (and (string-search "introduced_by: ada-king" text)
                         (string-search "[[ada-king]]" text))
                    "both mentions in bob.md renamed"))
      (ties-check (ties-wait-for (lambda () (null (buffer-local-value 'eglot--diagnostics bob))))
                  (format "no stale T201/T204 in bob.md after the rename (%s)"
                          (ties-messages bob))))

    ;; `ties log outreach cy' in a shell: the hover on [[cy]] says so without any edit.
    (let ((plan (ties-open "notes/plan.md")))
      (cl-flet ((hover ()
                  (with-current-buffer plan
                    (ties-goto 0 15)
                    (let ((result (ties-request :textDocument/hover
                                                (eglot--TextDocumentPositionParams))))
                      (or (plist-get (plist-get result :contents) :value) "")))))
        (ties-check (string-search "identified" (hover))
                    (format "cy is identified (%s)" (hover)))
        (with-temp-buffer
          (let ((status (call-process ties-bin nil t nil "--notebook" ties-root
                                      "--today" "2026-11-21" "log" "outreach" "cy")))
            (ties-check (eql status 0) (format "ties log outreach cy: %s" (buffer-string)))))
        (ties-check (ties-wait-for (lambda () (string-search "contacted" (hover))))
                    (format "the editor sees the outreach logged in the shell (%s)" (hover)))))

    (eglot-shutdown server)
    (ties-say "emacs: Emacs %s with eglot passed" emacs-version)))

(condition-case err
    (ties-run)
  (error (ties-fail (error-message-string err))))
(kill-emacs 0)
