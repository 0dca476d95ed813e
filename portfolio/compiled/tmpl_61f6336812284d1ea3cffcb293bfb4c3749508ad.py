from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'chart.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_c = missing
    pass
    l_0_c = environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'chart')
    context.vars['c'] = l_0_c
    context.exported_vars.add('c')
    yield '<figure class="chart">\n<svg viewBox="0 0 '
    yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'width'))
    yield ' '
    yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'height'))
    yield '" role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet">\n<title id="chart-title">Documented credits per year</title>\n<desc id="chart-desc">'
    l_1_loop = missing
    for (l_1_year, l_1_values), l_1_loop in LoopContext(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'rows'), undefined):
        _loop_vars = {}
        pass
        yield escape(l_1_year)
        yield ': '
        l_2_loop = missing
        for l_2_v, l_2_loop in LoopContext(l_1_values, undefined):
            _loop_vars = {}
            pass
            yield escape(l_2_v)
            yield ' '
            yield escape(environment.getitem(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'types'), environment.getattr(l_2_loop, 'index0')))
            yield escape(('; ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 5 in 'chart.html' evaluated to false and no else section was defined.")))
        l_2_loop = l_2_v = missing
        yield '. '
    l_1_loop = l_1_year = l_1_values = missing
    yield '</desc>\n<g class="grid">\n'
    for (l_1_y, l_1_label) in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'gridlines'):
        _loop_vars = {}
        pass
        yield '<line x1="'
        yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'left'))
        yield '" x2="'
        yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'right'))
        yield '" y1="'
        yield escape(l_1_y)
        yield '" y2="'
        yield escape(l_1_y)
        yield '"/>\n<text x="'
        yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'left'))
        yield '" dx="-6" y="'
        yield escape(l_1_y)
        yield '" dy="4" text-anchor="end">'
        yield escape(l_1_label)
        yield '</text>\n'
    l_1_y = l_1_label = missing
    yield '<line class="axis" x1="'
    yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'left'))
    yield '" x2="'
    yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'right'))
    yield '" y1="'
    yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'baseline'))
    yield '" y2="'
    yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'baseline'))
    yield '"/>\n</g>\n'
    for l_1_year in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'years'):
        _loop_vars = {}
        pass
        yield '<g class="year">\n'
        for l_2_b in environment.getattr(l_1_year, 'bars'):
            _loop_vars = {}
            pass
            yield '<rect class="series-'
            yield escape(environment.getattr(l_2_b, 'series'))
            yield '" x="'
            yield escape(environment.getattr(l_2_b, 'x'))
            yield '" y="'
            yield escape(environment.getattr(l_2_b, 'y'))
            yield '" width="'
            yield escape(environment.getattr(l_2_b, 'width'))
            yield '" height="'
            yield escape(environment.getattr(l_2_b, 'height'))
            yield '" rx="2"/>\n'
            if environment.getattr(l_2_b, 'value'):
                pass
                yield '<text class="value" x="'
                yield escape(environment.getattr(l_2_b, 'center'))
                yield '" y="'
                yield escape(environment.getattr(l_2_b, 'label_y'))
                yield '" text-anchor="middle">'
                yield escape(environment.getattr(l_2_b, 'value'))
                yield '</text>'
        l_2_b = missing
        yield '<text class="year-label" x="'
        yield escape(environment.getattr(l_1_year, 'label_x'))
        yield '" y="'
        yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'year_label_y'))
        yield '" text-anchor="middle">'
        yield escape(environment.getattr(l_1_year, 'year'))
        yield '</text>\n</g>\n'
    l_1_year = missing
    yield '</svg>\n<figcaption>\n<ul class="legend">\n'
    l_1_loop = missing
    for l_1_t, l_1_loop in LoopContext(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'types'), undefined):
        _loop_vars = {}
        pass
        yield '<li><span class="swatch series-'
        yield escape(environment.getattr(l_1_loop, 'index0'))
        yield '" aria-hidden="true"></span>'
        yield escape(l_1_t)
        yield '</li>'
    l_1_loop = l_1_t = missing
    yield '</ul>\n<p class="sub">One activity often carries several credit types for the same hours; each type is shown as its own bar, never added together.</p>\n</figcaption>\n</figure>\n'

blocks = {}
debug_info = '1=13&3=17&5=22&7=39&8=43&9=51&11=59&13=67&15=71&16=75&17=85&19=96&25=105'