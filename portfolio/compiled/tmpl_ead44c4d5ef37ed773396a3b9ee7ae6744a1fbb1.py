from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'pdf/transcript.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_doc = resolve('doc')
    l_0_appendix = resolve('appendix')
    l_0_part = resolve('part')
    l_0_profile = resolve('profile')
    l_0_period = resolve('period')
    l_0_count = resolve('count')
    l_0_totals = resolve('totals')
    l_0_requirement = resolve('requirement')
    l_0_r = resolve('r')
    l_0_overview = resolve('overview')
    l_0_rows = resolve('rows')
    l_0_late = resolve('late')
    l_0_late_days = resolve('late_days')
    l_0_topic_totals = resolve('topic_totals')
    l_0_left_out = resolve('left_out')
    l_0_outside = resolve('outside')
    l_0_certificates = resolve('certificates')
    l_0_listed = resolve('listed')
    l_0_head = resolve('head')
    l_0_hash = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['select']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'select' found.")
    pass
    yield '<!doctype html><html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="robots" content="noindex, nofollow">\n<title>'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))
    yield '</title>\n<meta name="author" content="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'author'))
    yield '">\n<meta name="description" content="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'subject'))
    yield '">\n<meta name="keywords" content="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'keywords'))
    yield '">\n<meta name="generator" content="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'generator'))
    yield '">\n<meta name="dcterms.created" content="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'created'))
    yield '">\n<meta name="dcterms.modified" content="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'created'))
    yield '">\n<style>\n'
    template = environment.get_template('pdf/transcript.css', 'pdf/transcript.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'hash': l_0_hash, 'head': l_0_head, 'listed': l_0_listed, 'r': l_0_r}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    if (undefined(name='appendix') if l_0_appendix is missing else l_0_appendix):
        pass
        for l_1_size in environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'sizes'):
            _loop_vars = {}
            pass
            yield '@page '
            yield escape(environment.getattr(l_1_size, 'name'))
            yield ' {\n  size: '
            yield escape(environment.getattr(l_1_size, 'width'))
            yield ' '
            yield escape(environment.getattr(l_1_size, 'height'))
            yield ';\n  margin: 0 0 '
            yield escape(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'band'))
            yield ' 0;\n  @top-left { content: none; }\n  @top-right { content: none; }\n  @bottom-left { content: element(certband); width: auto; }\n  @bottom-right { content: "Page " counter(page) " of " counter(pages); width: 72pt; white-space: nowrap; text-align: right; font: 7pt "DejaVu Sans"; color: #1d232b; padding-right: 14pt; }\n}\n'
        l_1_size = missing
    yield '</style>\n</head>\n<body>\n'
    def macro(l_1_c):
        t_4 = []
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_4.extend((
            '<p class="hash"><span class="c-ref">',
            escape(environment.getattr(l_1_c, 'ref')),
            '</span>',
        ))
        if (undefined(name='appendix') if l_0_appendix is missing else l_0_appendix):
            pass
            t_4.extend((
                '<a class="c-page" href="#',
                escape(context.call(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'anchor'), environment.getattr(l_1_c, 'ref'))),
                '">page </a>',
            ))
        t_4.extend((
            '<span class="path">',
            escape(environment.getattr(l_1_c, 'path')),
            '</span> <span class="muted">· ',
            escape(environment.getattr(l_1_c, 'size')),
            '</span><br><code class="sha">',
            escape(environment.getattr(l_1_c, 'sha256')),
            '</code>',
        ))
        if (t_2(environment.getattr(l_1_c, 'activities')) > 1):
            pass
            t_4.extend((
                '<br><span class="muted">Cited by ',
                escape(t_2(environment.getattr(l_1_c, 'activities'))),
                ' activities: ',
                escape(t_1(context.eval_ctx, environment.getattr(l_1_c, 'activities'), '; ')),
                '</span>',
            ))
        t_4.append(
            '</p>',
        )
        return concat(t_4)
    context.exported_vars.add('hash')
    context.vars['hash'] = l_0_hash = Macro(environment, macro, 'hash', ('c',), False, False, False, context.eval_ctx.autoescape)
    if ((undefined(name='part') if l_0_part is missing else l_0_part) and (not environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'first'))):
        pass
        yield '<div class="part-lead">\n'
    yield '<header class="masthead">\n  <p class="kicker">Continuing Medical Education Transcript</p>\n  <h1 class="physician">'
    yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'name'))
    yield '</h1>\n'
    if (environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'specialty') or environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'institution')):
        pass
        yield '<p class="credentials">'
        yield escape(t_1(context.eval_ctx, t_3(context, [environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'specialty'), environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'institution')]), ' · '))
        yield '</p>'
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'contact'):
        pass
        yield '<p class="contact">'
        yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'contact'), ' · '))
        yield '</p>'
    yield '</header>\n\n<section class="facts" aria-label="Physician and period">\n  <table class="facts-table">\n    <tr>\n      <th scope="row">NPI</th>\n      <td>'
    yield escape((environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'npi') or 'not given'))
    yield '</td>\n      <th scope="row">Period covered</th>\n      <td><strong class="s-period">'
    yield escape(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'label'))
    yield '</strong><br><span class="muted">'
    yield escape(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'note'))
    yield '</span></td>\n    </tr>\n    <tr>\n      <th scope="row">Licenses</th>\n      <td>'
    l_1_loop = missing
    t_5 = 1
    for l_1_lic, l_1_loop in LoopContext(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'licenses'), undefined):
        _loop_vars = {}
        pass
        yield escape(environment.getattr(l_1_lic, 'state'))
        yield ' '
        yield escape(environment.getattr(l_1_lic, 'number'))
        if environment.getattr(l_1_lic, 'expires'):
            pass
            yield ' <span class="muted">(expires '
            yield escape(environment.getattr(l_1_lic, 'expires'))
            yield ')</span>'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield '<br>'
        t_5 = 0
    l_1_loop = l_1_lic = missing
    if t_5:
        pass
        yield 'none recorded'
    yield '</td>\n      <th scope="row">As of</th>\n      <td class="s-asof">'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'as_of'))
    yield '</td>\n    </tr>\n    <tr>\n      <th scope="row">Board certifications</th>\n      <td>'
    l_1_loop = missing
    t_6 = 1
    for l_1_b, l_1_loop in LoopContext(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'boards'), undefined):
        _loop_vars = {}
        pass
        yield escape(environment.getattr(l_1_b, 'board'))
        if environment.getattr(l_1_b, 'specialty'):
            pass
            yield ', '
            yield escape(environment.getattr(l_1_b, 'specialty'))
        if environment.getattr(l_1_b, 'expires'):
            pass
            yield ' <span class="muted">(expires '
            yield escape(environment.getattr(l_1_b, 'expires'))
            yield ')</span>'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield '<br>'
        t_6 = 0
    l_1_loop = l_1_b = missing
    if t_6:
        pass
        yield 'none recorded'
    yield '</td>\n      <th scope="row">Generated</th>\n      <td class="s-generated">'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'generated'))
    yield '</td>\n    </tr>\n  </table>\n</section>\n'
    if ((undefined(name='part') if l_0_part is missing else l_0_part) and (not environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'first'))):
        pass
        yield '</div>\n<div id="part-body"></div>\n'
    yield '\n'
    if ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'first')):
        pass
        yield '<section class="summary" aria-label="Summary">\n  <h2 class="bookmark">Summary</h2>\n  <div class="tiles">\n    <div class="tile"><span class="figure">'
        yield escape((undefined(name='count') if l_0_count is missing else l_0_count))
        yield '</span><span class="caption">documented activit'
        yield escape(('y' if ((undefined(name='count') if l_0_count is missing else l_0_count) == 1) else 'ies'))
        yield ' in the period</span></div>\n'
        for l_1_t in (undefined(name='totals') if l_0_totals is missing else l_0_totals):
            _loop_vars = {}
            pass
            yield '    <div class="tile"><span class="figure">'
            yield escape(environment.getattr(l_1_t, 'amount'))
            yield '</span><span class="caption">'
            yield escape(environment.getattr(l_1_t, 'type'))
            yield '</span></div>\n'
        l_1_t = missing
        yield '  </div>\n  <p class="explain">Only activities certified by an accredited provider for a stated amount of credit, and for which a certificate is on file, are counted. Everything else is listed under “Left out”.</p>\n</section>\n\n'
        if (undefined(name='requirement') if l_0_requirement is missing else l_0_requirement):
            pass
            l_0_r = (undefined(name='requirement') if l_0_requirement is missing else l_0_requirement)
            context.vars['r'] = l_0_r
            context.exported_vars.add('r')
            yield '<section class="requirement">\n  <h2 class="bookmark">Requirement: '
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'name'))
            yield '</h2>\n  <p class="req-line"><span class="badge state-'
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'state'))
            yield '">'
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'state_label'))
            yield '</span>'
            if (not environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'applies')):
                pass
                yield 'Does not apply to this physician: '
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'reason'))
                yield '. The figures below only show what would count.'
            else:
                pass
                yield '<span class="big">'
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'figures'))
                yield '</span> earned'
                if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'remaining') and (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'remaining') != '0.00')):
                    pass
                    yield '; <strong>'
                    yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'remaining'))
                    yield '</strong> still needed'
                if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'unmet'):
                    pass
                    yield '; '
                    yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'unmet'))
                    yield ' minimum'
                    yield escape(('' if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'unmet') == 1) else 's'))
                    yield ' not met'
            yield '</p>\n  <table class="kv">\n'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'authority'):
                pass
                yield '<tr><th scope="row">Authority</th><td>'
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'authority'))
                yield '</td></tr>'
            yield '    <tr><th scope="row">Window</th><td>'
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'window'))
            yield '</td></tr>\n'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'due'):
                pass
                yield '<tr><th scope="row">Due</th><td>'
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'due'))
                yield '</td></tr>'
            yield '    <tr><th scope="row">Credit types accepted</th><td>'
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'credit_types'))
            yield '</td></tr>\n'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'topics'):
                pass
                yield '<tr><th scope="row">Only activities on</th><td>'
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'topics'))
                yield ' (each counts its credit for the topic)</td></tr>'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'applies_if'):
                pass
                yield '<tr><th scope="row">Applies if</th><td>'
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'applies_if'))
                yield ': '
                if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'applies') or (not environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'in_force'))):
                    pass
                    yield 'yes'
                else:
                    pass
                    yield 'no ('
                    yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'reason'))
                    yield ')'
                yield '</td></tr>'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carried'):
                pass
                yield '<tr><th scope="row">Carried over</th><td>'
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carried'))
                yield '; never toward a minimum</td></tr>'
            yield '    <tr><th scope="row">Counted</th><td>'
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'gross'))
            yield ' credits from '
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'activities'))
            yield ' activit'
            yield escape(('y' if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'activities') == 1) else 'ies'))
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'capped'):
                pass
                yield ', '
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'earned'))
                yield ' after caps'
            yield '; an activity counts once, with the largest of its accepted amounts</td></tr>\n'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'reference'):
                pass
                yield '<tr><th scope="row">Rule</th><td>'
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'reference'))
                yield '</td></tr>'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'notes'):
                pass
                yield '<tr><th scope="row">Notes</th><td>'
                yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'notes'))
                yield '</td></tr>'
            yield '  </table>\n'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'minimums'):
                pass
                yield '  <table class="grid">\n    <thead><tr><th scope="col">Minimum</th><th scope="col">Counts</th><th scope="col" class="num">Earned</th><th scope="col" class="num">Needed</th><th scope="col" class="num">Remaining</th><th scope="col" class="c-state">State</th></tr></thead>\n    <tbody>\n'
                for l_1_m in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'minimums'):
                    _loop_vars = {}
                    pass
                    yield '    <tr>\n      <td>'
                    yield escape(environment.getattr(l_1_m, 'label'))
                    if environment.getattr(l_1_m, 'activities'):
                        pass
                        yield '<br><span class="muted">'
                        yield escape(environment.getattr(l_1_m, 'activities'))
                        yield '</span>'
                    if environment.getattr(l_1_m, 'exclude'):
                        pass
                        yield '<br><span class="muted">excluding activities also tagged '
                        yield escape(environment.getattr(l_1_m, 'exclude'))
                        if environment.getattr(l_1_m, 'excluded'):
                            pass
                            yield ' ('
                            yield escape(environment.getattr(l_1_m, 'excluded'))
                            yield ' excluded)'
                        yield '</span>'
                    yield '</td>\n      <td>'
                    yield escape(environment.getattr(l_1_m, 'types'))
                    yield '</td>\n      <td class="num">'
                    yield escape(environment.getattr(l_1_m, 'earned'))
                    yield '</td><td class="num">'
                    yield escape((environment.getattr(l_1_m, 'needed') or '—'))
                    yield '</td><td class="num">'
                    yield escape((environment.getattr(l_1_m, 'remaining') or '—'))
                    yield '</td>\n      <td class="c-state">'
                    if (not environment.getattr(l_1_m, 'applies')):
                        pass
                        yield '<span class="nowrap">does not apply</span><br><span class="muted">'
                        yield escape(environment.getattr(l_1_m, 'reason'))
                        yield '</span>'
                    elif environment.getattr(l_1_m, 'met'):
                        pass
                        yield '<span class="ok">✓ met</span>'
                    else:
                        pass
                        yield '<span class="no">not met</span>'
                    yield '</td>\n    </tr>\n'
                l_1_m = missing
                yield '    </tbody>\n  </table>\n'
            if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'caps'):
                pass
                yield '  <table class="grid">\n    <thead><tr><th scope="col">Cap on topic</th><th scope="col">Rule</th><th scope="col" class="num">Topic brought</th><th scope="col" class="num">Limit</th><th scope="col" class="num">Cut from total</th></tr></thead>\n    <tbody>\n'
                for l_1_c in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'caps'):
                    _loop_vars = {}
                    pass
                    yield '    <tr><td>'
                    yield escape(environment.getattr(l_1_c, 'topic'))
                    yield '</td><td>'
                    yield escape(environment.getattr(l_1_c, 'rule'))
                    yield '</td><td class="num">'
                    yield escape(environment.getattr(l_1_c, 'topic_total'))
                    yield '</td><td class="num">'
                    yield escape(environment.getattr(l_1_c, 'limit'))
                    yield '</td><td class="num">'
                    yield escape(environment.getattr(l_1_c, 'capped'))
                    yield '</td></tr>\n'
                l_1_c = missing
                yield '    </tbody>\n  </table>\n'
            yield '</section>\n'
        yield '\n'
        if (undefined(name='overview') if l_0_overview is missing else l_0_overview):
            pass
            yield '<section class="overview">\n  <h2 class="bookmark">Requirements</h2>\n  <table class="grid">\n    <thead><tr><th scope="col">Requirement</th><th scope="col" class="c-window">Window</th><th scope="col" class="c-progress">Progress</th><th scope="col" class="c-state">State</th></tr></thead>\n    <tbody>\n'
            for l_1_r in (undefined(name='overview') if l_0_overview is missing else l_0_overview):
                _loop_vars = {}
                pass
                yield '    <tr>\n      <td><strong>'
                yield escape(environment.getattr(l_1_r, 'name'))
                yield '</strong>'
                if environment.getattr(l_1_r, 'authority'):
                    pass
                    yield '<br><span class="muted">'
                    yield escape(environment.getattr(l_1_r, 'authority'))
                    yield '</span>'
                yield '</td>\n      <td>'
                yield escape(environment.getattr(l_1_r, 'window'))
                if environment.getattr(l_1_r, 'due'):
                    pass
                    yield '<br><span class="muted">due '
                    yield escape(environment.getattr(l_1_r, 'due'))
                    yield '</span>'
                yield '</td>\n      <td>'
                if environment.getattr(l_1_r, 'applies'):
                    pass
                    yield escape(environment.getattr(l_1_r, 'figures'))
                    if environment.getattr(l_1_r, 'carried'):
                        pass
                        yield '<br><span class="muted">'
                        yield escape(environment.getattr(l_1_r, 'carried'))
                        yield '</span>'
                else:
                    pass
                    yield '—'
                yield '</td>\n      <td class="c-state"><span class="state-'
                yield escape(environment.getattr(l_1_r, 'state'))
                yield ' nowrap">'
                yield escape(environment.getattr(l_1_r, 'state_label'))
                yield '</span>'
                if (not environment.getattr(l_1_r, 'applies')):
                    pass
                    yield '<br><span class="muted">'
                    yield escape(environment.getattr(l_1_r, 'reason'))
                    yield '</span>'
                def t_7(fiter):
                    for l_2_m in fiter:
                        if (environment.getattr(l_2_m, 'applies') and (not environment.getattr(l_2_m, 'met'))):
                            yield l_2_m
                for l_2_m in t_7(environment.getattr(l_1_r, 'minimums')):
                    _loop_vars = {}
                    pass
                    yield '<br><span class="muted">'
                    yield escape(environment.getattr(l_2_m, 'label'))
                    yield ': '
                    if environment.getattr(l_2_m, 'needed'):
                        pass
                        yield escape(environment.getattr(l_2_m, 'earned'))
                        yield ' of '
                        yield escape(environment.getattr(l_2_m, 'needed'))
                    if (environment.getattr(l_2_m, 'needed') and environment.getattr(l_2_m, 'activities')):
                        pass
                        yield ', '
                    yield escape(environment.getattr(l_2_m, 'activities'))
                    yield '</span>'
                l_2_m = missing
                yield '</td>\n    </tr>\n'
            l_1_r = missing
            yield '    </tbody>\n  </table>\n  <p class="explain">Each requirement counts only the activities completed inside its own window, in the credit types it accepts.</p>\n</section>\n'
    yield '\n'
    if ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'ledger')):
        pass
        yield '<section class="activities">\n'
        if ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'ledger_start')):
            pass
            yield '  <h2 class="bookmark">Documented activities</h2>\n'
        if (undefined(name='rows') if l_0_rows is missing else l_0_rows):
            pass
            yield '  <table class="ledger">\n    <thead>\n      <tr>\n        <th scope="col" class="c-date">Date</th>\n        <th scope="col" class="c-title">Activity and provider</th>\n        <th scope="col" class="c-credit">Credit</th>\n        <th scope="col" class="c-topics">Topics</th>\n'
            if (undefined(name='requirement') if l_0_requirement is missing else l_0_requirement):
                pass
                yield '<th scope="col" class="c-toward num">Counted</th>'
            yield '        <th scope="col" class="c-ref">Cert.</th>\n      </tr>\n    </thead>\n    <tbody>\n'
            l_1_loop = missing
            for l_1_row, l_1_loop in LoopContext((undefined(name='rows') if l_0_rows is missing else l_0_rows), undefined):
                _loop_vars = {}
                pass
                yield '      <tr>\n        <td class="c-date">'
                yield escape(environment.getattr(l_1_row, 'date'))
                if environment.getattr(l_1_row, 'end'):
                    pass
                    yield '<br><span class="muted">to '
                    yield escape(environment.getattr(l_1_row, 'end'))
                    yield '</span>'
                if environment.getattr(l_1_row, 'recorded_late'):
                    pass
                    yield '<br><span class="late">† '
                    yield escape(environment.getattr(l_1_row, 'recorded_late'))
                    yield '</span>'
                yield '</td>\n        <td class="c-title"><span class="title">'
                yield escape(environment.getattr(l_1_row, 'title'))
                yield '</span><br><span class="muted">'
                yield escape(environment.getattr(l_1_row, 'provider'))
                if environment.getattr(l_1_row, 'accreditor'):
                    pass
                    yield ' · '
                    yield escape(environment.getattr(l_1_row, 'accreditor'))
                if environment.getattr(l_1_row, 'format'):
                    pass
                    yield ' · '
                    yield escape(environment.getattr(l_1_row, 'format'))
                yield '</span></td>\n        <td class="c-credit">'
                l_2_loop = missing
                for l_2_c, l_2_loop in LoopContext(environment.getattr(l_1_row, 'credits'), undefined):
                    _loop_vars = {}
                    pass
                    yield '<strong>'
                    yield escape(environment.getattr(l_2_c, 'amount'))
                    yield '</strong> '
                    yield escape(environment.getattr(l_2_c, 'type'))
                    if (not environment.getattr(l_2_loop, 'last')):
                        pass
                        yield '<br>'
                l_2_loop = l_2_c = missing
                yield '</td>\n        <td class="c-topics">'
                yield escape(t_1(context.eval_ctx, environment.getattr(l_1_row, 'topics'), ', '))
                yield '</td>\n'
                if (undefined(name='requirement') if l_0_requirement is missing else l_0_requirement):
                    pass
                    yield '<td class="c-toward num">'
                    if environment.getattr(l_1_row, 'toward'):
                        pass
                        yield escape(environment.getattr(l_1_row, 'toward'))
                        if environment.getattr(l_1_row, 'toward_note'):
                            pass
                            yield '<br><span class="muted">'
                            yield escape(environment.getattr(l_1_row, 'toward_note'))
                            yield '</span>'
                    else:
                        pass
                        yield '<span class="muted">type not accepted</span>'
                    yield '</td>'
                yield '        <td class="c-ref">'
                yield escape(t_1(context.eval_ctx, environment.getattr(l_1_row, 'refs'), ' '))
                yield '</td>\n      </tr>\n'
            l_1_loop = l_1_row = missing
            yield '    </tbody>\n  </table>\n'
            if ((undefined(name='late') if l_0_late is missing else l_0_late) and ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'ledger_end'))):
                pass
                yield '<p class="explain">† Logged late: '
                yield escape((undefined(name='late') if l_0_late is missing else l_0_late))
                yield ' entr'
                yield escape(('y was' if ((undefined(name='late') if l_0_late is missing else l_0_late) == 1) else 'ies were'))
                yield " first committed to the record's git history more than "
                yield escape((undefined(name='late_days') if l_0_late_days is missing else l_0_late_days))
                yield ' days after the activity (the date each was first committed is shown). The certificate, not the date of the log entry, documents the credit.</p>'
        else:
            pass
            yield '  <p class="empty">No documented activity was completed in this period.</p>\n'
        yield '</section>\n'
    yield '\n'
    if ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'ledger_end')):
        pass
        yield '<section class="totals">\n  <h2 class="bookmark">Totals</h2>\n  <div class="pair">\n    <div><table class="grid">\n      <caption>Per credit type</caption>\n      <thead><tr><th scope="col">Credit type</th><th scope="col" class="num">Credits</th></tr></thead>\n      <tbody>\n'
        t_8 = 1
        for l_1_t in (undefined(name='totals') if l_0_totals is missing else l_0_totals):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.getattr(l_1_t, 'type'))
            yield '</td><td class="num">'
            yield escape(environment.getattr(l_1_t, 'amount'))
            yield '</td></tr>'
            t_8 = 0
        l_1_t = missing
        if t_8:
            pass
            yield '<tr><td colspan="2" class="muted">none</td></tr>'
        yield '      </tbody>\n    </table></div>\n    <div><table class="grid">\n      <caption>Per topic</caption>\n      <thead><tr><th scope="col">Topic</th><th scope="col" class="num">Activities tagged¹</th><th scope="col" class="num">Topic credits²</th></tr></thead>\n      <tbody>\n'
        t_9 = 1
        for l_1_t in (undefined(name='topic_totals') if l_0_topic_totals is missing else l_0_topic_totals):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.getattr(l_1_t, 'topic'))
            yield '</td><td class="num">'
            yield escape((environment.getattr(l_1_t, 'tagged') or '–'))
            yield '</td><td class="num">'
            yield escape((environment.getattr(l_1_t, 'partial') or '–'))
            yield '</td></tr>'
            t_9 = 0
        l_1_t = missing
        if t_9:
            pass
            yield '<tr><td colspan="3" class="muted">none</td></tr>'
        yield '      </tbody>\n    </table></div>\n  </div>\n  <p class="explain">¹ The whole credit of the activities tagged with the topic: a three-day meeting tagged “cardiology” brings all its credit, not hours of cardiology. ² Credits the certificate gave to the topic itself (part of a longer activity). Each activity counts once, at the largest of its credit amounts, so topic figures do not add up to the credit totals.</p>\n</section>\n'
    yield '\n'
    if ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'left')):
        pass
        yield '<section class="left-out">\n'
        if ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'left_start')):
            pass
            yield '  <h2 class="bookmark">Left out, and why</h2>\n'
        if (undefined(name='left_out') if l_0_left_out is missing else l_0_left_out):
            pass
            yield '  <table class="grid left-out-table">\n    <thead><tr><th scope="col" class="c-date">Date</th><th scope="col" class="c-title">Activity</th><th scope="col" class="c-state">Status</th><th scope="col">Why it is not counted</th></tr></thead>\n    <tbody>\n'
            for l_1_a in (undefined(name='left_out') if l_0_left_out is missing else l_0_left_out):
                _loop_vars = {}
                pass
                yield '<tr><td class="c-date">'
                yield escape(environment.getattr(l_1_a, 'dates'))
                yield '</td><td>'
                yield escape(environment.getattr(l_1_a, 'title'))
                yield '</td><td>'
                yield escape(environment.getattr(l_1_a, 'label'))
                yield '</td><td>'
                yield escape(environment.getattr(l_1_a, 'reason'))
                yield '</td></tr>'
            l_1_a = missing
            yield '    </tbody>\n  </table>\n'
        else:
            pass
            yield '  <p>Nothing in the period was left out: every activity completed in it is documented and counted above.</p>\n'
        if ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'left_end')):
            pass
            yield '  <p class="explain">'
            if environment.getattr((undefined(name='outside') if l_0_outside is missing else l_0_outside), 'total'):
                pass
                yield escape(environment.getattr((undefined(name='outside') if l_0_outside is missing else l_0_outside), 'total'))
                yield ' other activit'
                yield escape(('y' if (environment.getattr((undefined(name='outside') if l_0_outside is missing else l_0_outside), 'total') == 1) else 'ies'))
                yield ' in the record '
                yield escape(('was' if (environment.getattr((undefined(name='outside') if l_0_outside is missing else l_0_outside), 'total') == 1) else 'were'))
                yield ' completed outside the period and '
                yield escape(('is' if (environment.getattr((undefined(name='outside') if l_0_outside is missing else l_0_outside), 'total') == 1) else 'are'))
                yield ' not part of this transcript'
                if environment.getattr((undefined(name='outside') if l_0_outside is missing else l_0_outside), 'documented'):
                    pass
                    yield ' ('
                    yield escape(environment.getattr((undefined(name='outside') if l_0_outside is missing else l_0_outside), 'documented'))
                    yield ' of them documented)'
                yield '.'
            else:
                pass
                yield 'No activity of the record falls outside the period.'
            yield '</p>\n'
        yield '</section>\n'
    yield '\n'
    if ((not (undefined(name='part') if l_0_part is missing else l_0_part)) or environment.getattr((undefined(name='part') if l_0_part is missing else l_0_part), 'last')):
        pass
        yield '<section class="certificates">\n  <h2 class="bookmark">Certificates</h2>\n'
        if (undefined(name='certificates') if l_0_certificates is missing else l_0_certificates):
            pass
            yield '  <p class="explain">The SHA-256 checksum identifies each file exactly: recompute it (for example with <code>sha256sum</code>) on the certificate you receive; any change to the file changes it.'
            if (undefined(name='appendix') if l_0_appendix is missing else l_0_appendix):
                pass
                yield ' Each certificate is reproduced after this transcript, on the page given in the list, and the original files are attached to this PDF (see the attachments panel of your PDF reader).'
            yield '</p>'
            l_0_listed = (undefined(name='certificates') if l_0_certificates is missing else l_0_certificates)[:-3]
            context.vars['listed'] = l_0_listed
            context.exported_vars.add('listed')
            t_10 = []
            pass
            t_10.append(
                '<p class="hash-head"><span class="c-ref">Ref.</span>File · size, and its SHA-256',
            )
            if (undefined(name='appendix') if l_0_appendix is missing else l_0_appendix):
                pass
                t_10.append(
                    '<span class="c-page">Appended on</span>',
                )
            t_10.append(
                '</p>',
            )
            l_0_head = (Markup if context.eval_ctx.autoescape else identity)(concat(t_10))
            context.vars['head'] = l_0_head
            context.exported_vars.add('head')
            if (undefined(name='listed') if l_0_listed is missing else l_0_listed):
                pass
                yield '  <div class="hashes">\n    <div class="keep">'
                yield escape((undefined(name='head') if l_0_head is missing else l_0_head))
                yield escape(context.call((undefined(name='hash') if l_0_hash is missing else l_0_hash), environment.getitem((undefined(name='listed') if l_0_listed is missing else l_0_listed), 0)))
                yield '</div>\n'
                for l_1_c in (undefined(name='listed') if l_0_listed is missing else l_0_listed)[1:]:
                    _loop_vars = {}
                    pass
                    yield '    '
                    yield escape(context.call((undefined(name='hash') if l_0_hash is missing else l_0_hash), l_1_c, _loop_vars=_loop_vars))
                    yield '\n'
                l_1_c = missing
                yield '  </div>\n'
        yield '  <div class="closing">\n'
        if (undefined(name='certificates') if l_0_certificates is missing else l_0_certificates):
            pass
            yield '<div class="hashes">'
            if (not (undefined(name='listed') if l_0_listed is missing else l_0_listed)):
                pass
                yield escape((undefined(name='head') if l_0_head is missing else l_0_head))
            for l_1_c in (undefined(name='certificates') if l_0_certificates is missing else l_0_certificates)[-3:]:
                _loop_vars = {}
                pass
                yield escape(context.call((undefined(name='hash') if l_0_hash is missing else l_0_hash), l_1_c, _loop_vars=_loop_vars))
            l_1_c = missing
            yield '</div>'
        else:
            pass
            yield '<p>No certificate is cited.</p>'
        yield '    <section class="attest">\n      <h2 class="bookmark">Attestation</h2>\n      <p>I, '
        yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'name'))
        yield ', attest that the activities counted above were completed as stated and that each cited certificate is a true copy of the document issued by the provider.</p>\n      <table class="sign" role="presentation"><tr><td>Signature</td><td>Date</td></tr></table>\n      <p class="signer">'
        yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'name'))
        if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'institution'):
            pass
            yield '<br>'
            yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'institution'))
        for l_1_line in environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'contact'):
            _loop_vars = {}
            pass
            yield '<br>'
            yield escape(l_1_line)
        l_1_line = missing
        yield '</p>\n      <p class="colophon">Generated '
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'generated'))
        yield ' by '
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'generator'))
        yield ' from the physician’s CME record, evaluated as of '
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'as_of'))
        yield '.</p>\n    </section>\n  </div>\n</section>\n'
    yield '\n'
    if (undefined(name='appendix') if l_0_appendix is missing else l_0_appendix):
        pass
        l_1_loop = missing
        for l_1_item, l_1_loop in LoopContext(environment.getitem((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'items'), undefined):
            l_1_first_item = missing
            _loop_vars = {}
            pass
            l_1_first_item = environment.getattr(l_1_loop, 'first')
            _loop_vars['first_item'] = l_1_first_item
            if (environment.getattr(l_1_item, 'kind') == 'pdf'):
                pass
                l_2_loop = missing
                for l_2_p, l_2_loop in LoopContext(environment.getattr(l_1_item, 'pages'), undefined):
                    _loop_vars = {}
                    pass
                    yield '<section class="placeholder'
                    if (environment.getattr(l_2_loop, 'first') and (undefined(name='first_item') if l_1_first_item is missing else l_1_first_item)):
                        pass
                        yield ' appendix-start'
                    yield '" id="'
                    yield escape(environment.getattr(l_2_p, 'id'))
                    yield '" style="page: '
                    yield escape(environment.getattr(l_2_p, 'page'))
                    yield '">\n'
                    if environment.getattr(l_2_loop, 'first'):
                        pass
                        yield '<h3 class="cert-mark">'
                        yield escape(environment.getattr(l_1_item, 'ref'))
                        yield ' · '
                        yield escape(environment.getattr(l_1_item, 'path'))
                        yield '</h3>'
                    yield '  <svg class="cert-figure" xmlns="http://www.w3.org/2000/svg" width="100%" height="'
                    yield escape(environment.getattr(l_2_p, 'height'))
                    yield '"><title>Certificate '
                    yield escape(environment.getattr(l_1_item, 'ref'))
                    if (environment.getattr(l_1_item, 'count') > 1):
                        pass
                        yield ', page '
                        yield escape(environment.getattr(l_2_p, 'number'))
                        yield ' of '
                        yield escape(environment.getattr(l_1_item, 'count'))
                    yield ', reproduced from '
                    yield escape(environment.getattr(l_1_item, 'path'))
                    yield '; it proves: '
                    yield escape(environment.getattr(l_1_item, 'proves'))
                    yield '. The original file is attached to this PDF.</title></svg>\n  <div class="certband"><strong>'
                    yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'name'))
                    yield '</strong> · CME transcript, appended certificate<br><strong>'
                    yield escape(environment.getattr(l_1_item, 'ref'))
                    yield '</strong> · proves: '
                    yield escape(environment.getattr(l_1_item, 'proves'))
                    yield ' · '
                    yield escape(environment.getattr(l_1_item, 'path'))
                    if (environment.getattr(l_1_item, 'count') > 1):
                        pass
                        yield ' · page '
                        yield escape(environment.getattr(l_2_p, 'number'))
                        yield ' of '
                        yield escape(environment.getattr(l_1_item, 'count'))
                    yield '</div>\n</section>\n'
                l_2_loop = l_2_p = missing
            else:
                pass
                yield '<section class="image-page'
                if (undefined(name='first_item') if l_1_first_item is missing else l_1_first_item):
                    pass
                    yield ' appendix-start'
                yield '" id="'
                yield escape(environment.getattr(l_1_item, 'id'))
                yield '">\n  <h3 class="image-caption"><strong>'
                yield escape(environment.getattr(l_1_item, 'ref'))
                yield '</strong> · '
                yield escape(environment.getattr(l_1_item, 'path'))
                yield '</h3>\n  <p class="muted image-proves">Proves: '
                yield escape(environment.getattr(l_1_item, 'proves'))
                yield '</p>\n  <div class="image-frame"><img src="'
                yield escape(environment.getattr(l_1_item, 'src'))
                yield '" alt="Certificate '
                yield escape(environment.getattr(l_1_item, 'ref'))
                yield ', reproduced from '
                yield escape(environment.getattr(l_1_item, 'path'))
                yield '; it proves: '
                yield escape(environment.getattr(l_1_item, 'proves'))
                yield '. The original file is attached to this PDF."></div>\n</section>\n'
        l_1_loop = l_1_item = l_1_first_item = missing
    yield '</body>\n</html>\n'

blocks = {}
debug_info = '8=50&9=52&10=54&11=56&12=58&13=60&14=62&16=64&17=70&18=72&19=76&20=78&21=82&32=86&33=93&39=127&44=131&45=133&46=138&53=144&55=146&60=152&63=172&68=176&71=198&75=200&80=204&84=207&85=211&86=215&92=221&93=223&95=227&96=229&98=256&99=262&100=264&101=270&102=272&103=277&104=291&105=297&106=308&107=313&109=319&113=322&115=326&116=343&117=345&118=351&124=365&128=368&129=372&137=386&143=389&145=393&146=401&147=408&148=420&158=454&160=457&163=460&171=463&176=468&178=472&179=484&180=497&181=509&182=511&183=527&188=531&195=545&203=549&210=564&218=581&220=584&223=587&227=590&233=607&235=610&241=632&244=635&245=638&247=642&248=650&249=661&251=664&252=667&253=671&260=676&263=692&265=694&266=706&272=713&273=716&274=720&275=722&276=725&277=729&278=737&280=745&281=759&285=777&286=783&287=787&288=789'